package dev.gearbox.route;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Out-of-fold classifier scores on labelled training requests, with both tiers' quality on
 * each: enough to turn any {@link QualityTarget} into a threshold when the router is loaded,
 * so the operator can change the target without retraining. The smallest threshold (most
 * requests on the small tier) that meets a quality floor is chosen; for a frontier share, the
 * threshold that sends that share of the calibration requests to the frontier.
 */
public record Calibration(double[] scores, double[] smallQuality, double[] frontierQuality) {

  public Calibration {
    Objects.requireNonNull(scores, "scores");
    if (scores.length == 0 || smallQuality.length != scores.length
        || frontierQuality.length != scores.length) {
      throw new IllegalArgumentException("calibration needs one quality pair per score");
    }
    scores = scores.clone();
    smallQuality = smallQuality.clone();
    frontierQuality = frontierQuality.clone();
  }

  public int size() {
    return scores.length;
  }

  /**
   * The share of calibration requests scored in [low, high]: how much traffic a cascade band
   * would send through the small tier first. Scores are in the router's own units, so a band
   * chosen for one router file means little for another.
   */
  public double shareBetween(double low, double high) {
    return Arrays.stream(scores).filter(s -> s >= low && s <= high).count()
        / (double) scores.length;
  }

  /** The threshold that meets {@code target} on the calibration requests. */
  public Threshold threshold(QualityTarget target) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double frontierTotal = 0;
    double quality = 0;
    for (int i = 0; i < n; i++) {
      frontierTotal += frontierQuality[i];
      quality += smallQuality[i];
    }
    int k = 0;
    for (; k < n; k++) {
      if (met(target, k, n, quality, frontierTotal)) {
        break;
      }
      int i = order[k];
      quality += frontierQuality[i] - smallQuality[i];
    }
    double value = k == 0 ? 0 : k == n ? Math.nextUp(scores[order[n - 1]])
        : (scores[order[k - 1]] + scores[order[k]]) / 2;
    double ratio = frontierTotal == 0 ? 1 : quality / frontierTotal;
    return new Threshold(value, (double) k / n, ratio);
  }

  private static boolean met(
      QualityTarget target, int frontierCalls, int n, double quality, double frontierTotal) {
    return switch (target) {
      case QualityTarget.QualityFloor floor -> quality >= floor.fraction() * frontierTotal;
      case QualityTarget.FrontierShare share -> frontierCalls >= Math.floor(share.share() * n);
    };
  }
}
