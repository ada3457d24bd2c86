package dev.gearbox.demo;

import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.report.BarChart;
import dev.gearbox.report.BarSeries;
import dev.gearbox.report.Point;
import dev.gearbox.report.Series;
import dev.gearbox.report.SeriesStyle;
import dev.gearbox.report.XyChart;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The charts of a demo run, computed from its ledger rows and its clients' records. */
final class DemoCharts {
  private static final int TOTAL_COLOUR = 7;
  private static final int COUNTERFACTUAL_COLOUR = 5;
  private static final int ANSWER_TOKENS_COLOUR = 4;
  private static final int COMPRESSED_COLOUR = 6;

  private DemoCharts() {}

  /**
   * Cumulative spend over the run: per tier, in all, and what the same requests would have cost
   * on the frontier model alone. Each request counts when its answer was complete.
   */
  static XyChart spendOverRun(RunData run) {
    List<LedgerEntry> done = run.ledger().stream()
        .sorted(Comparator.comparingLong(e -> finishedMs(run, e)))
        .toList();
    Map<Route, List<Point>> byRoute = new EnumMap<>(Route.class);
    Map<Route, BigDecimal> sums = new EnumMap<>(Route.class);
    List<Point> total = new ArrayList<>(List.of(new Point(0, 0)));
    List<Point> baseline = new ArrayList<>(List.of(new Point(0, 0)));
    BigDecimal spent = BigDecimal.ZERO;
    BigDecimal counterfactual = BigDecimal.ZERO;
    for (Route tier : List.of(Route.SMALL, Route.FRONTIER)) {
      byRoute.put(tier, new ArrayList<>(List.of(new Point(0, 0))));
      sums.put(tier, BigDecimal.ZERO);
    }
    for (LedgerEntry e : done) {
      double seconds = finishedMs(run, e) / 1000.0;
      Route route = Route.of(e);
      if (byRoute.containsKey(route)) {
        sums.merge(route, e.costUsd(), BigDecimal::add);
        byRoute.get(route).add(new Point(seconds, sums.get(route).doubleValue()));
      }
      spent = spent.add(e.costUsd());
      counterfactual = counterfactual.add(e.counterfactualUsd());
      total.add(new Point(seconds, spent.doubleValue()));
      baseline.add(new Point(seconds, counterfactual.doubleValue()));
    }
    return new XyChart("spend-over-run", "Spend over the run, by tier",
        "Cumulative USD as answers completed. The dashed line is what the same requests would"
            + " have cost on the frontier model alone (the counterfactual in the ledger); the"
            + " gap to the total is the saving. Cache hits cost nothing.",
        "seconds since the first request", "USD, cumulative",
        List.of(Series.line("small tier", byRoute.get(Route.SMALL))
                .withColour(Route.SMALL.colour()),
            Series.line("frontier tier", byRoute.get(Route.FRONTIER))
                .withColour(Route.FRONTIER.colour()),
            Series.line("total", total).withColour(TOTAL_COLOUR),
            Series.line("all-frontier counterfactual", baseline).withStyle(SeriesStyle.DASHED)
                .withColour(COUNTERFACTUAL_COLOUR)),
        List.of());
  }

  private static long finishedMs(RunData run, LedgerEntry e) {
    return Math.max(0, e.time().toEpochMilli() + e.latencyMs() - run.startedAt().toEpochMilli());
  }

  /** For each kind of traffic, how many requests each route answered. */
  static BarChart routesByKind(RunData run) {
    List<TrafficKind> kinds = new ArrayList<>();
    for (TrafficKind kind : TrafficKind.values()) {
      if (run.calls().stream().anyMatch(c -> c.kind() == kind)) {
        kinds.add(kind);
      }
    }
    List<BarSeries> series = new ArrayList<>();
    for (Route route : Route.values()) {
      List<Double> counts = kinds.stream()
          .map(kind -> (double) run.calls().stream()
              .filter(c -> c.kind() == kind && run.route(c) == route).count())
          .toList();
      if (route != Route.FAILED || counts.stream().anyMatch(n -> n > 0)) {
        series.add(BarSeries.of(route.label(), counts).withColour(route.colour()));
      }
    }
    return new BarChart("routes-by-kind", "Where each kind of request was answered",
        "Requests per kind of traffic and the tier or cache that answered them, from the"
            + " ledger.",
        "kind of traffic", "requests", kinds.stream().map(TrafficKind::label).toList(),
        series, true);
  }

  /**
   * The tokens each call of one agent session sent, by depth in the session tree, coloured by
   * the route that answered it.
   */
  static Optional<BarChart> sessionTokens(RunData run) {
    return SessionTree.largest(run).map(DemoCharts::sessionTokens);
  }

  static BarChart sessionTokens(SessionTree tree) {
    List<String> categories = new ArrayList<>();
    for (int i = 0; i < tree.nodes().size(); i++) {
      categories.add("call " + i + " (depth " + tree.nodes().get(i).depth() + ")");
    }
    List<BarSeries> series = new ArrayList<>();
    for (Route route : Route.values()) {
      List<Double> tokens = tree.nodes().stream()
          .map(n -> n.route() == route ? (double) n.entry().usage().inputTokens() : 0.0)
          .toList();
      if (tokens.stream().anyMatch(t -> t > 0)) {
        series.add(BarSeries.of("prompt tokens, " + route.label(), tokens)
            .withColour(route.colour()));
      }
    }
    List<Double> removed = tree.nodes().stream()
        .map(n -> (double) n.compression().map(Compression::tokensRemoved).orElse(0L))
        .toList();
    if (removed.stream().anyMatch(t -> t > 0)) {
      series.add(BarSeries.of("prompt tokens removed by compression", removed)
          .withColour(COMPRESSED_COLOUR));
    }
    series.add(BarSeries.of("answer tokens", tree.nodes().stream()
        .map(n -> (double) n.entry().usage().outputTokens()).toList())
        .withColour(ANSWER_TOKENS_COLOUR));
    return new BarChart("session-tree", "One agent session: tokens by depth",
        "Session " + tree.sessionId() + ", " + tree.nodes().size() + " calls; each call names"
            + " its parent (x-gearbox-parent), so a call's depth is its number of ancestors."
            + " The context grows with every turn of the agent; where the gateway compressed a"
            + " long prompt, the grey part is what it left out.",
        "call in the session tree", "tokens", categories, series, true);
  }
}
