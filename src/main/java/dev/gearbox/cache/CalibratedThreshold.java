package dev.gearbox.cache;

import java.util.Objects;

/**
 * A similarity threshold and the evidence for it.
 *
 * @param maxFalseHitRate the bound it was chosen for
 * @param atThreshold what it does on the calibration lookups (guarded)
 * @param source what it was calibrated on, in words
 */
public record CalibratedThreshold(
    double threshold, double maxFalseHitRate, TradeOff atThreshold, String source) {
  public CalibratedThreshold {
    Objects.requireNonNull(atThreshold, "atThreshold");
    Objects.requireNonNull(source, "source");
  }

  /** One line for the start-up log and the eval report. */
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "threshold %.3f for at most %.1f%% false hits: on %s it served %.1f%% of paraphrases"
            + " with %d wrong of %d hits (%.2f%%, 95%% upper bound %.2f%%)",
        threshold, 100 * maxFalseHitRate, source, 100 * atThreshold.hitRateOnDuplicates(),
        atThreshold.wrongHits(), atThreshold.hits(), 100 * atThreshold.falseHitRate(),
        100 * atThreshold.falseHitRateUpper95());
  }
}
