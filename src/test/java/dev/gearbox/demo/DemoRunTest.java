package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.cost.UsageLine;
import dev.gearbox.cost.UsageReport;
import dev.gearbox.cost.UsageWindow;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole demo, end to end, on a small mix with the simulator answering at once. */
class DemoRunTest {
  private static final int REQUESTS = 40;

  @TempDir static Path dir;
  private static DemoResult result;
  private static ProgressBar progress;
  private static final StringWriter progressText = new StringWriter();
  private static List<LedgerEntry> ledger;
  private static UsageLine ledgerTotal;

  @BeforeAll
  static void runDemo() throws Exception {
    DemoSettings settings = new DemoSettings(REQUESTS, 42, 4, dir.resolve("state"),
        dir.resolve("report"), true);
    progress = new ProgressBar(new PrintWriter(progressText), false, Clock.systemUTC());
    result = Demo.prepare(settings, name -> Optional.empty(), Clock.systemUTC()).run(progress);
    try (Database db = Database.open(new DatabaseConfig.Sqlite(dir.resolve("state")))) {
      UsageReport usage = new UsageReport(db);
      ledger = usage.entries(UsageWindow.ALL_TIME);
      ledgerTotal = usage.total(UsageWindow.ALL_TIME);
    }
  }

  @Test
  void everyRequestSent_isAnsweredAndInTheLedger() {
    DemoSummary summary = result.summary();

    assertThat(summary.planned()).isEqualTo(REQUESTS);
    assertThat(summary.sent()).isEqualTo(REQUESTS);
    assertThat(summary.answered()).isEqualTo(REQUESTS);
    assertThat(ledger).hasSize(REQUESTS);
    assertThat(summary.routes().stream().mapToInt(DemoSummary.RouteShare::requests).sum())
        .isEqualTo(REQUESTS);
    assertThat(summary.requestsByKind().values().stream().mapToInt(i -> i).sum())
        .isEqualTo(REQUESTS);
  }

  @Test
  void costs_areTheLedgersAndAgreeWithTheCostHeaders() {
    DemoSummary summary = result.summary();
    BigDecimal rowSum = ledger.stream().map(LedgerEntry::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);

    assertThat(summary.costUsd()).isEqualByComparingTo(ledgerTotal.costUsd());
    assertThat(summary.costUsd()).isEqualByComparingTo(rowSum);
    assertThat(summary.counterfactualUsd()).isEqualByComparingTo(ledgerTotal.counterfactualUsd());
    assertThat(summary.costUsd()).isPositive();
    // each header is rounded to a micro-dollar
    assertThat(progress.costFromHeadersUsd().doubleValue())
        .isCloseTo(summary.costUsd().doubleValue(), within(REQUESTS * 0.5e-6));
  }

  @Test
  void frontierCallsAvoided_matchesTheRoutes() {
    DemoSummary summary = result.summary();
    int frontier = summary.routes().stream().filter(r -> r.route().equals("frontier tier"))
        .mapToInt(DemoSummary.RouteShare::requests).sum();

    assertThat(summary.frontierAvoidedPercent())
        .isCloseTo(100.0 * (REQUESTS - frontier) / REQUESTS, within(0.05));
  }

  @Test
  void quality_isScoredFromRecordedOutcomes() {
    assertThat(result.summary().quality()).isNotEmpty();
    DemoSummary.QualityLine gsm8k = result.summary().quality().getFirst();
    assertThat(gsm8k.set()).isEqualTo("GSM8K");
    assertThat(gsm8k.answers()).isPositive();
    assertThat(gsm8k.routed()).isBetween(0.0, 100.0);
  }

  @Test
  void gatewayLatency_isTheLedgersTotalLessUpstream() {
    long largest = ledger.stream().mapToLong(Summaries::gatewayAddedMs).max().orElseThrow();

    assertThat(result.summary().gatewayAddedP99Ms()).isLessThanOrEqualTo(largest);
    assertThat(result.summary().gatewayAddedP50Ms())
        .isLessThanOrEqualTo(result.summary().gatewayAddedP99Ms());
  }

  @Test
  void report_isWrittenWithItsChartsInlineAndAsPng() throws Exception {
    Path html = dir.resolve("report").resolve(DemoReport.HTML_NAME);
    assertThat(result.report().html()).isEqualTo(html);
    String page = Files.readString(html);

    assertThat(page).contains("<canvas id=\"spend-over-run\"", "<canvas id=\"routes-by-kind\"",
        "<canvas id=\"session-tree\"", "<canvas id=\"cost-quality\"");
    assertThat(page).contains("new Chart(document.getElementById('spend-over-run')");
    assertThat(page).contains(SummaryText.usd(result.summary().costUsd()));
    assertThat(result.report().charts()).isNotEmpty();
    for (Path png : result.report().charts()) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as(png.toString()).isNotNull();
    }
  }

  @Test
  void agentCalls_formOneTreePerSessionInTheLedger() {
    List<LedgerEntry> agent = ledger.stream()
        .filter(e -> e.sessionId().filter(s -> s.startsWith("airline-task-")).isPresent())
        .toList();

    assertThat(result.summary().requestsByKind().get("agent calls")).isEqualTo(10);
    assertThat(agent).hasSize(10);
    long sessions = agent.stream().map(e -> e.sessionId().orElseThrow()).distinct().count();
    assertThat(agent.stream().filter(e -> e.parentCallId().isEmpty())).hasSize((int) sessions);
    SessionTree tree = SessionTree.of("first", agent.stream()
        .filter(e -> e.sessionId().equals(agent.getFirst().sessionId())).toList());
    assertThat(tree.nodes().getLast().depth()).isEqualTo(tree.nodes().size() - 1);
    assertThat(tree.nodes().getLast().entry().usage().inputTokens())
        .isGreaterThan(tree.nodes().getFirst().entry().usage().inputTokens());
  }

  @Test
  void auditLog_isVerifiedWithARecordPerRequest() {
    assertThat(result.summary().audit())
        .hasValue("verified: " + REQUESTS + " records chained, 1 signed checkpoint");
  }

  @Test
  void auditLogChangedAfterTheRun_isReportedBroken() throws Exception {
    Path state = dir.resolve("state");
    GatewayConfig config = new ConfigLoader(name -> Optional.empty()).loadEmbeddedDefault(state)
        .withDataDir(state, new DatabaseConfig.Sqlite(state));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("gearbox.db"));
        Statement update = c.createStatement()) {
      // Every record names its request id, whichever tier or cache answered it (concurrent
      // clients make which request lands at seq 7 vary between runs).
      int changed = update.executeUpdate(
          "UPDATE audit_log SET body = replace(body, '\"req_', '\"req_x') WHERE seq = 7");
      assertThat(changed).isEqualTo(1);
    }

    assertThat(AuditCheck.verify(config)).isEqualTo("BROKEN at record 7 (changed)");
  }

  @Test
  void costQualityCurve_marksTheConfiguredThresholdAndTheRun() throws Exception {
    String page = Files.readString(result.report().html());

    assertThat(page).contains("configured threshold 0.", "this run (cascade included)",
        "router, every threshold", "random routing");
    assertThat(dir.resolve("report/cost-quality.png")).exists();
  }

  @Test
  void progress_reachedTheEnd() {
    assertThat(progressText.toString()).contains(REQUESTS + "/" + REQUESTS + " requests");
  }
}
