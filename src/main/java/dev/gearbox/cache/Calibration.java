package dev.gearbox.cache;

import java.util.List;
import java.util.Optional;

/**
 * Chooses the semantic similarity threshold from labelled lookups, to a stated bound on the
 * false-hit rate (the share of hits that serve a wrong answer), rather than by hand.
 *
 * <p>The rule: walk a grid of thresholds (steps of 0.005) from 1 downwards and stop before the
 * first one whose false-hit rate on the calibration lookups exceeds the bound; the threshold is
 * the last one passed. Walking down and stopping at the first failure keeps a lucky dip at a low
 * threshold from being chosen past a failing band above it. The rate is a point estimate on a
 * finite sample; its 95% Clopper-Pearson upper bound is reported beside it (with some hundreds
 * of hits it sits about a percentage point above), and {@code gearbox cache-eval} measures the
 * result on any labelled pairs a user brings.
 */
public final class Calibration {
  static final int GRID_PER_MILLE_STEP = 5;
  static final int LOWEST_PER_MILLE = 500;

  private Calibration() {}

  /**
   * The least grid threshold at and above which the guarded false-hit rate stays within
   * {@code maxFalseHitRate}; empty when no threshold serves any duplicate within the bound.
   */
  public static Optional<CalibratedThreshold> choose(
      List<ScoredQuery> queries, double maxFalseHitRate, String source) {
    Optional<TradeOff> passed = Optional.empty();
    for (int perMille = 1000; perMille >= LOWEST_PER_MILLE; perMille -= GRID_PER_MILLE_STEP) {
      TradeOff at = TradeOff.of(queries, perMille / 1000.0, true);
      if (at.falseHitRate() > maxFalseHitRate) {
        break;
      }
      passed = Optional.of(at);
    }
    return passed
        .filter(at -> at.duplicateHits() > 0)
        .map(at -> new CalibratedThreshold(at.threshold(), maxFalseHitRate, at, source));
  }

  /**
   * The threshold for {@code maxFalseHitRate} on the calibration scores shipped in the jar
   * (GPTCache's paraphrase pairs, see {@link CalibrationScores#bundled()}).
   */
  public static Optional<CalibratedThreshold> bundled(double maxFalseHitRate) {
    CalibrationScores scores = CalibrationScores.bundled();
    return choose(scores.queries(), maxFalseHitRate, scores.description());
  }
}
