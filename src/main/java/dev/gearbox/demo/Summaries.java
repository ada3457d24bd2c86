package dev.gearbox.demo;

import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.sim.RecordedSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes a {@link DemoSummary} from what a run observed. */
final class Summaries {
  private Summaries() {}

  static DemoSummary of(RunData run, QualityScorer scorer) {
    List<CallRecord> calls = run.calls();
    List<ScoredAnswer> scored = scored(run, scorer);
    int answered = (int) calls.stream().filter(CallRecord::answered).count();
    List<Long> added = run.ledger().stream()
        .filter(e -> e.httpStatus() == 200)
        .map(Summaries::gatewayAddedMs)
        .toList();
    return new DemoSummary(
        run.settings().seed(),
        run.settings().clients(),
        run.elapsedMs(),
        run.planned(),
        calls.size(),
        answered,
        byKind(calls),
        routes(run),
        (int) scored.stream().filter(a -> !a.recordedAnswer()).count(),
        quality(scored),
        run.ledgerTotal().costUsd(),
        run.ledgerTotal().counterfactualUsd(),
        frontierAvoidedPercent(run, answered),
        (int) calls.stream().filter(c -> c.compression().isPresent()).count(),
        calls.stream().flatMap(c -> c.compression().stream())
            .mapToLong(Compression::tokensRemoved).sum(),
        Percentiles.of(added, 50),
        Percentiles.of(added, 99),
        run.audit());
  }

  /** Time the gateway itself took: the whole request less the upstream's share of it. */
  static long gatewayAddedMs(LedgerEntry entry) {
    return Math.max(0, entry.latencyMs() - entry.upstreamLatencyMs().orElse(0));
  }

  private static Map<String, Integer> byKind(List<CallRecord> calls) {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (TrafficKind kind : TrafficKind.values()) {
      kinds.put(kind.label(), (int) calls.stream().filter(c -> c.kind() == kind).count());
    }
    return kinds;
  }

  private static List<DemoSummary.RouteShare> routes(RunData run) {
    Map<Route, Integer> counts = new EnumMap<>(Route.class);
    run.calls().forEach(c -> counts.merge(run.route(c), 1, Integer::sum));
    List<DemoSummary.RouteShare> shares = new ArrayList<>();
    for (Route route : Route.values()) {
      int n = counts.getOrDefault(route, 0);
      if (n > 0 || route != Route.FAILED) {
        shares.add(new DemoSummary.RouteShare(route.label(), n, percent(n, run.calls().size())));
      }
    }
    return shares;
  }

  private static double frontierAvoidedPercent(RunData run, int answered) {
    long avoided = run.calls().stream()
        .filter(CallRecord::answered)
        .filter(c -> run.route(c) != Route.FRONTIER)
        .count();
    return percent(avoided, answered);
  }

  /**
   * Scores answers whose text is a recorded answer: the recorded question asked as recorded,
   * or a paraphrase answered from the cache with the original's answer. A paraphrase a model
   * answered afresh got a generated answer that no recorded outcome describes.
   */
  static List<ScoredAnswer> scored(RunData run, QualityScorer scorer) {
    List<ScoredAnswer> scored = new ArrayList<>();
    for (CallRecord call : run.calls()) {
      if (!call.answered() || call.asked().isEmpty() || call.servedModel().isEmpty()) {
        continue;
      }
      if (call.kind() == TrafficKind.PARAPHRASE && !run.route(call).cached()) {
        continue;
      }
      scorer.score(call.asked().get(), call.servedModel().get(), call.answerText())
          .ifPresent(scored::add);
    }
    return scored;
  }

  private static List<DemoSummary.QualityLine> quality(List<ScoredAnswer> scored) {
    List<DemoSummary.QualityLine> lines = new ArrayList<>();
    for (RecordedSet set : List.of(RecordedSet.GSM8K, RecordedSet.MT_BENCH, RecordedSet.ARENA)) {
      List<ScoredAnswer> inSet = scored.stream().filter(s -> s.set() == set).toList();
      line(set, inSet).ifPresent(lines::add);
    }
    return lines;
  }

  private static Optional<DemoSummary.QualityLine> line(RecordedSet set, List<ScoredAnswer> in) {
    if (in.isEmpty()) {
      return Optional.empty();
    }
    boolean rightOrWrong = set == RecordedSet.GSM8K;
    double scale = rightOrWrong ? 100 : 1;
    double routed = in.stream().mapToDouble(ScoredAnswer::routed).average().orElse(0) * scale;
    double frontier = in.stream().mapToDouble(ScoredAnswer::frontier).average().orElse(0) * scale;
    return Optional.of(new DemoSummary.QualityLine(setName(set),
        rightOrWrong ? "correct %" : "mean grade", in.size(), routed, frontier));
  }

  static String setName(RecordedSet set) {
    return switch (set) {
      case GSM8K -> "GSM8K";
      case MT_BENCH -> "MT-Bench";
      case ARENA -> "Arena";
      case MMLU_PRO -> "MMLU-Pro";
    };
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
  }
}
