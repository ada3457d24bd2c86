package dev.gearbox.route;

import dev.gearbox.provider.Tier;
import java.util.Objects;

/**
 * The classifier's verdict on one request.
 *
 * @param score the estimated probability that the small tier's answer is as good as the
 *     frontier's
 * @param threshold the calibrated threshold: at or above it the small tier serves
 * @param tier the tier the score and threshold choose
 * @param cascade whether the score fell in the cascade band: small first, validated
 */
public record RouteScore(double score, double threshold, Tier tier, boolean cascade) {
  public RouteScore {
    Objects.requireNonNull(tier, "tier");
  }
}
