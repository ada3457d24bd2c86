package dev.gearbox.demo;

import dev.gearbox.report.Point;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What every routing threshold would have cost and scored on a set of requests: at threshold
 * t, requests the router scores at or above t go to the small tier and the rest to the
 * frontier. Sweeping t from above every score to below every score walks from all-frontier to
 * all-small, one request at a time (the RouteLLM cost-quality curve, Ong et al., 2024).
 *
 * <p>Quality is given as a share of the all-frontier quality on the same requests, so one curve
 * can hold right/wrong and graded questions alike.
 */
final class ThresholdSweep {
  private final List<CurveItem> byScore;
  private final double frontierQuality;

  ThresholdSweep(List<CurveItem> items) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a threshold sweep needs at least one request");
    }
    this.byScore = items.stream().sorted(Comparator.comparingDouble(CurveItem::score)).toList();
    this.frontierQuality = items.stream().mapToDouble(CurveItem::frontierQuality).sum();
  }

  int size() {
    return byScore.size();
  }

  /**
   * The curve, from all-small (x: its cost) to all-frontier: point k sends the k requests with
   * the lowest scores to the frontier. Requests with equal scores move together.
   */
  List<Point> curve() {
    List<Point> points = new ArrayList<>();
    for (int k = 0; k <= byScore.size(); k++) {
      boolean blockEnds = k == 0 || k == byScore.size()
          || byScore.get(k).score() != byScore.get(k - 1).score();
      if (blockEnds) {
        points.add(point(k));
      }
    }
    return points;
  }

  /** Where threshold {@code t} operates: requests scored below it go to the frontier. */
  Point at(double threshold) {
    int k = (int) byScore.stream().filter(i -> i.score() < threshold).count();
    return point(k);
  }

  /** The all-small and all-frontier ends: the line random routing would follow. */
  List<Point> randomLine() {
    return List.of(point(0), point(byScore.size()));
  }

  private Point point(int toFrontier) {
    BigDecimal cost = BigDecimal.ZERO;
    double quality = 0;
    for (int i = 0; i < byScore.size(); i++) {
      CurveItem item = byScore.get(i);
      boolean frontier = i < toFrontier;
      cost = cost.add(frontier ? item.frontierCostUsd() : item.smallCostUsd());
      quality += frontier ? item.frontierQuality() : item.smallQuality();
    }
    double share = frontierQuality == 0 ? 1 : quality / frontierQuality;
    return new Point(cost.doubleValue(), 100 * share);
  }
}
