package dev.gearbox.eval;

import java.util.List;
import java.util.Optional;

/**
 * One policy's results on one data set.
 *
 * @param mode {@code route} (one tier per request) or {@code cascade} (small first, escalate)
 * @param apgr APGR over the share of requests sent to the frontier
 * @param apgrCi 95% bootstrap interval of {@code apgr} (absent for the random baseline)
 * @param apgrOnCost APGR over normalised cost, small calls of a cascade counted
 * @param apgrOnCostCi 95% bootstrap interval of {@code apgrOnCost}
 * @param points the operating points for the standard goals
 * @param curve the whole cost-quality curve, from all-small to all-frontier (for charts)
 */
public record PolicyReport(
    String name,
    String mode,
    double apgr,
    Optional<Interval> apgrCi,
    double apgrOnCost,
    Optional<Interval> apgrOnCostCi,
    List<OperatingPoint> points,
    List<RoutingCurve.Point> curve) {

  public PolicyReport {
    points = List.copyOf(points);
    curve = List.copyOf(curve);
  }
}
