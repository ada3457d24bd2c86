package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.cost.CacheStatus;
import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.cost.UsageLine;
import dev.gearbox.model.Usage;
import dev.gearbox.report.BarChart;
import dev.gearbox.report.Point;
import dev.gearbox.report.Series;
import dev.gearbox.report.XyChart;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Summary figures and charts from a hand-made run: one request of each route. */
class SummariesTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final RecordedSets SETS = RecordedSets.bundled();
  private static final QualityScorer SCORER = new QualityScorer(SETS,
      Map.of("sim-frontier", "gpt-4-1106-preview", "sim-small", "Mixtral-8x7B-Instruct"),
      "sim-frontier");

  private static LedgerEntry row(String id, int second, String tier, CacheStatus cache,
      String cost, String counterfactual, long latencyMs, OptionalLong upstreamMs, int status) {
    return LedgerEntry.builder(id, T0.plusSeconds(second), "auto")
        .route("sim-" + tier, tier, "test")
        .cacheStatus(cache)
        .usage(Usage.counted(100, 50))
        .cost(new BigDecimal(cost), new BigDecimal(counterfactual))
        .latency(latencyMs, upstreamMs)
        .httpStatus(status)
        .build();
  }

  private static CallRecord call(Optional<String> id, TrafficKind kind, int status,
      String model) {
    Optional<ItemTurn> asked = kind == TrafficKind.AGENT ? Optional.empty()
        : Optional.of(new ItemTurn(SETS.items(RecordedSet.GSM8K).getFirst(), 0));
    return new CallRecord(id, kind, asked, Optional.empty(), status, Optional.of(model),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), 0, 10);
  }

  private static RunData run() {
    List<LedgerEntry> ledger = List.of(
        row("small", 1, "small", CacheStatus.MISS, "0.001", "0.010", 900, OptionalLong.of(880),
            200),
        row("frontier", 2, "frontier", CacheStatus.MISS, "0.010", "0.010", 2_000,
            OptionalLong.of(1_990), 200),
        row("exact", 3, "frontier", CacheStatus.EXACT_HIT, "0", "0.010", 4, OptionalLong.empty(),
            200),
        row("semantic", 4, "small", CacheStatus.SEMANTIC_HIT, "0", "0.010", 30,
            OptionalLong.empty(), 200),
        row("failed", 5, "frontier", CacheStatus.MISS, "0", "0", 100, OptionalLong.of(90), 502));
    List<CallRecord> calls = List.of(
        call(Optional.of("small"), TrafficKind.GSM8K, 200, "sim-small"),
        call(Optional.of("frontier"), TrafficKind.AGENT, 200, "sim-frontier"),
        call(Optional.of("exact"), TrafficKind.REPEAT, 200, "sim-frontier"),
        call(Optional.of("semantic"), TrafficKind.PARAPHRASE, 200, "sim-small"),
        call(Optional.of("failed"), TrafficKind.GSM8K, 502, "sim-frontier"),
        call(Optional.empty(), TrafficKind.GSM8K, 0, "none"));
    UsageLine total = new UsageLine("total", 5, 500, 250, new BigDecimal("0.011"),
        new BigDecimal("0.040"));
    DemoSettings settings = new DemoSettings(20, 1, 2, Path.of("state"), Path.of("report"), true);
    return new RunData(settings, 6, T0, 6_000, calls, ledger, total, Optional.of("verified"));
  }

  @Test
  void routes_comeFromTheLedgerAndUnansweredCallsAreFailed() {
    DemoSummary summary = Summaries.of(run(), SCORER);

    assertThat(summary.routes()).extracting(DemoSummary.RouteShare::route,
        DemoSummary.RouteShare::requests).containsExactly(
            org.assertj.core.groups.Tuple.tuple("small tier", 1),
            org.assertj.core.groups.Tuple.tuple("frontier tier", 1),
            org.assertj.core.groups.Tuple.tuple("exact cache", 1),
            org.assertj.core.groups.Tuple.tuple("semantic cache", 1),
            org.assertj.core.groups.Tuple.tuple("failed", 2));
    assertThat(summary.sent()).isEqualTo(6);
    assertThat(summary.answered()).isEqualTo(4);
  }

  @Test
  void frontierAvoided_countsAnsweredRequestsNotServedByTheFrontierTier() {
    assertThat(Summaries.of(run(), SCORER).frontierAvoidedPercent()).isEqualTo(75.0);
  }

  @Test
  void costs_areTheLedgerTotals() {
    DemoSummary summary = Summaries.of(run(), SCORER);

    assertThat(summary.costUsd()).isEqualByComparingTo("0.011");
    assertThat(summary.savedUsd()).isEqualByComparingTo("0.029");
    assertThat(summary.savedPercent()).hasValueSatisfying(p -> assertThat(p)
        .isEqualByComparingTo("72.5"));
  }

  @Test
  void gatewayLatency_isTotalLessUpstreamOnAnsweredRows() {
    DemoSummary summary = Summaries.of(run(), SCORER);

    // answered rows add 20, 10, 4 and 30 ms
    assertThat(summary.gatewayAddedP50Ms()).isEqualTo(10);
    assertThat(summary.gatewayAddedP99Ms()).isEqualTo(30);
  }

  @Test
  void quality_scoresAnsweredQuestionsFromModelsAndCache() {
    // GSM8K to small, the repeat from the exact cache, the paraphrase from the semantic cache
    assertThat(Summaries.scored(run(), SCORER)).hasSize(3);
  }

  @Test
  void paraphraseAnsweredByAModel_isNotScored() {
    RunData fresh = new RunData(run().settings(), 1, T0, 10,
        List.of(call(Optional.of("p"), TrafficKind.PARAPHRASE, 200, "sim-small")),
        List.of(row("p", 1, "small", CacheStatus.MISS, "0.001", "0.01", 10, OptionalLong.of(9),
            200)),
        new UsageLine("total", 1, 100, 50, new BigDecimal("0.001"), new BigDecimal("0.01")),
        Optional.empty());

    assertThat(Summaries.scored(fresh, SCORER)).isEmpty();
  }

  @Test
  void spendChart_endsAtTheLedgerTotals() {
    XyChart chart = DemoCharts.spendOverRun(run());

    Map<String, Point> last = chart.series().stream().collect(java.util.stream.Collectors.toMap(
        Series::name, s -> s.points().getLast()));
    assertThat(last.get("total").y()).isEqualTo(0.011, org.assertj.core.api.Assertions.within(
        1e-12));
    assertThat(last.get("all-frontier counterfactual").y()).isEqualTo(0.040,
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(last.get("small tier").y()).isEqualTo(0.001,
        org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void routesChart_countsEachKindByRoute() {
    BarChart chart = DemoCharts.routesByKind(run());

    assertThat(chart.categories()).containsExactly("GSM8K maths", "agent calls",
        "repeated questions", "paraphrased questions");
    assertThat(chart.series()).filteredOn(s -> s.name().equals("failed")).singleElement()
        .extracting(s -> s.values().getFirst()).isEqualTo(2.0);
  }
}
