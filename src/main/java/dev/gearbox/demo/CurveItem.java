package dev.gearbox.demo;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One routed request as a point of the threshold sweep: the router's score for it, and both
 * tiers' recorded quality and priced cost on it.
 *
 * @param score the router's estimate that the small tier's answer is as good as the frontier's
 * @param smallQuality quality of the small model's recorded answer, on a 0-1 scale
 * @param frontierQuality quality of the frontier model's recorded answer, on a 0-1 scale
 */
record CurveItem(
    double score,
    double smallQuality,
    double frontierQuality,
    BigDecimal smallCostUsd,
    BigDecimal frontierCostUsd) {

  CurveItem {
    Objects.requireNonNull(smallCostUsd, "smallCostUsd");
    Objects.requireNonNull(frontierCostUsd, "frontierCostUsd");
  }
}
