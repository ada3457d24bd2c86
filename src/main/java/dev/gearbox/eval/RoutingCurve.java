package dev.gearbox.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The cost–quality curve of a scoring policy on a set of requests, as in RouteLLM (Ong et al.,
 * ICLR 2025): requests are sent to the frontier in order of rising score (the score is the
 * estimated chance that the small model suffices), and each prefix is one operating point.
 *
 * <p>Two modes. {@link Mode#ROUTE}: each request calls exactly one tier. {@link Mode#CASCADE}:
 * each request first calls the small tier, and the escalated ones call the frontier as well, so
 * the small call's cost is always paid. Requests with equal scores are one block whose order is
 * left to chance, so the curve is the expected one: linear across the block. Hence a constant
 * score gives exactly the random-routing line, and APGR 0.5.
 *
 * <p>APGR (average performance gap recovered) is the area under PGR(x) = (Q(x) - Q_small) /
 * (Q_frontier - Q_small) for x from 0 to 1; x is the share of requests that reach the frontier
 * ({@link #apgr()}), or the cost above all-small as a share of the cost gap between all-small
 * and all-frontier ({@link #apgrOnCost()}), where a cascade's small calls count.
 *
 * <p>Public so that traffic routed through a running gateway can be scored the same way: the
 * router's score of each request (from {@code x-gearbox-route}) and both tiers' recorded
 * outcomes (from the simulator's {@code x-sim-outcome}) make an {@link Outcomes} and a curve.
 */
public final class RoutingCurve {
  /** How requests use the tiers. */
  public enum Mode { ROUTE, CASCADE }

  /**
   * One operating point.
   *
   * @param frontierShare share of requests that called the frontier
   * @param quality mean quality of the answers served
   * @param pgr share of the quality gap recovered (can leave [0, 1] on noisy data)
   * @param costShare total cost as a share of the all-frontier cost
   */
  public record Point(double frontierShare, double quality, double pgr, double costShare) {}

  private final List<Point> points;
  private final double smallQuality;
  private final double frontierQuality;
  private final double costGapShare;
  private final double allSmallCostShare;

  private RoutingCurve(List<Point> points, Outcomes outcomes) {
    this.points = List.copyOf(points);
    this.smallQuality = outcomes.meanSmallQuality();
    this.frontierQuality = outcomes.meanFrontierQuality();
    double allFrontier = outcomes.totalFrontierCost();
    this.allSmallCostShare = allFrontier > 0 ? outcomes.totalSmallCost() / allFrontier : 0;
    this.costGapShare = 1 - allSmallCostShare;
  }

  /** The curve of {@code scores} (one per request, higher = small suffices more surely). */
  public static RoutingCurve of(double[] scores, Outcomes outcomes, Mode mode) {
    int n = outcomes.size();
    if (scores.length != n) {
      throw new IllegalArgumentException("one score per request: " + scores.length + " vs " + n);
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double quality = sum(outcomes.smallQuality());
    double cost = sum(outcomes.smallCost());
    double allFrontier = Math.max(sum(outcomes.frontierCost()), Double.MIN_VALUE);
    double gap = outcomes.meanFrontierQuality() - outcomes.meanSmallQuality();
    List<Point> points = new ArrayList<>();
    points.add(point(0, quality, cost, n, allFrontier, outcomes, gap));
    for (int k = 0; k < n; k++) {
      int i = order[k];
      quality += outcomes.frontierQuality()[i] - outcomes.smallQuality()[i];
      cost += mode == Mode.ROUTE
          ? outcomes.frontierCost()[i] - outcomes.smallCost()[i]
          : outcomes.frontierCost()[i];
      boolean blockEnds = k == n - 1 || scores[order[k + 1]] != scores[i];
      if (blockEnds) {
        points.add(point(k + 1, quality, cost, n, allFrontier, outcomes, gap));
      }
    }
    return new RoutingCurve(points, outcomes);
  }

  private static Point point(int frontierCalls, double quality, double cost, int n,
      double allFrontier, Outcomes outcomes, double gap) {
    double q = quality / n;
    double pgr = gap == 0 ? 1 : (q - outcomes.meanSmallQuality()) / gap;
    return new Point((double) frontierCalls / n, q, pgr, cost / allFrontier);
  }

  public List<Point> points() {
    return points;
  }

  public double smallQuality() {
    return smallQuality;
  }

  public double frontierQuality() {
    return frontierQuality;
  }

  /** APGR over the share of requests sent to the frontier (RouteLLM's definition). */
  public double apgr() {
    double area = 0;
    for (int k = 1; k < points.size(); k++) {
      Point a = points.get(k - 1);
      Point b = points.get(k);
      area += (b.frontierShare() - a.frontierShare()) * (a.pgr() + b.pgr()) / 2;
    }
    return area;
  }

  /**
   * APGR over normalised cost: x = (cost - all-small cost) / (all-frontier - all-small cost),
   * from 0 to 1. A cascade pays for its small calls, so its curve runs further right.
   */
  public double apgrOnCost() {
    if (costGapShare <= 0) {
      return apgr();
    }
    double area = 0;
    for (int k = 1; k < points.size(); k++) {
      double xa = costX(points.get(k - 1));
      double xb = costX(points.get(k));
      double pa = points.get(k - 1).pgr();
      double pb = points.get(k).pgr();
      if (xa >= 1) {
        break;
      }
      if (xb > 1) {
        pb = pa + (pb - pa) * (1 - xa) / (xb - xa);
        xb = 1;
      }
      area += (xb - xa) * (pa + pb) / 2;
    }
    double reached = Math.min(1, costX(points.getLast()));
    return area + (1 - reached) * points.getLast().pgr();
  }

  private double costX(Point p) {
    return (p.costShare() - allSmallCostShare) / costGapShare;
  }

  /** The first point (interpolated) that recovers at least {@code pgr} of the gap. */
  public Optional<Point> firstRecovering(double pgr) {
    return first(pgr, Point::pgr);
  }

  /** The first point (interpolated) whose quality is at least {@code quality}. */
  public Optional<Point> firstReaching(double quality) {
    return first(quality, Point::quality);
  }

  private Optional<Point> first(double target, java.util.function.ToDoubleFunction<Point> of) {
    if (of.applyAsDouble(points.getFirst()) >= target) {
      return Optional.of(points.getFirst());
    }
    for (int k = 1; k < points.size(); k++) {
      Point a = points.get(k - 1);
      Point b = points.get(k);
      double va = of.applyAsDouble(a);
      double vb = of.applyAsDouble(b);
      if (vb >= target) {
        double t = vb == va ? 1 : (target - va) / (vb - va);
        return Optional.of(between(a, b, t));
      }
    }
    return Optional.empty();
  }

  private static Point between(Point a, Point b, double t) {
    return new Point(
        a.frontierShare() + t * (b.frontierShare() - a.frontierShare()),
        a.quality() + t * (b.quality() - a.quality()),
        a.pgr() + t * (b.pgr() - a.pgr()),
        a.costShare() + t * (b.costShare() - a.costShare()));
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }
}
