package dev.gearbox.route;

/**
 * What the operator asks of routing: keep at least a share of the frontier model's quality, or
 * send at most a share of requests to the frontier. Calibration turns either into a threshold
 * on the classifier's score, using labelled training data.
 */
public sealed interface QualityTarget {

  /** Keep at least {@code fraction} of the all-frontier quality (e.g. 0.95). */
  record QualityFloor(double fraction) implements QualityTarget {
    public QualityFloor {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("quality_floor is in (0, 1], got " + fraction);
      }
    }
  }

  /** Send at most {@code share} of requests to the frontier (e.g. 0.25). */
  record FrontierShare(double share) implements QualityTarget {
    public FrontierShare {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("frontier_share is in [0, 1], got " + share);
      }
    }
  }

  /** The words of the configuration: {@code quality_floor=0.95}. */
  default String describe() {
    return switch (this) {
      case QualityFloor floor -> "quality_floor=" + floor.fraction();
      case FrontierShare share -> "frontier_share=" + share.share();
    };
  }
}
