package dev.gearbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.cost.UsageLine;
import dev.gearbox.cost.UsageReport;
import dev.gearbox.cost.UsageWindow;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void json_printsTheLedgersFiguresAndWritesTheReportUnderTheDataDir() throws Exception {
    int exit = run("demo", "--requests", "24", "--clients", "3", "--fast", "--json",
        "--data-dir", dataDir.toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode summary = Json.MAPPER.readTree(out.toString());
    assertThat(summary.path("requests").asInt()).isEqualTo(24);
    assertThat(summary.path("answered").asInt()).isEqualTo(24);
    UsageLine ledger = ledgerTotal(dataDir.resolve("demo"));
    assertThat(ledger.requests()).isEqualTo(24);
    assertThat(new BigDecimal(summary.path("cost_usd").asText()))
        .isEqualByComparingTo(ledger.costUsd());
    assertThat(new BigDecimal(summary.path("all_frontier_cost_usd").asText()))
        .isEqualByComparingTo(ledger.counterfactualUsd());
    assertThat(dataDir.resolve("report/demo-report.html")).exists();
    assertThat(dataDir.resolve("report/spend-over-run.png")).exists();
    assertThat(err.toString()).contains("24/24 requests");
  }

  @Test
  void tooFewRequests_isAUserErrorNotAStackTrace() {
    int exit = run("demo", "--requests", "5", "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(FriendlyErrors.FAILURE);
    assertThat(err.toString()).contains("gearbox: the demo needs at least 20 requests");
    assertThat(err.toString()).doesNotContain("Exception");
  }

  @Test
  void dataDirHoldingForeignFiles_isNotEmptied() throws Exception {
    Files.createDirectories(dataDir.resolve("demo"));
    Files.writeString(dataDir.resolve("demo/mine.txt"), "keep");

    int exit = run("demo", "--requests", "20", "--fast", "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(FriendlyErrors.FAILURE);
    assertThat(err.toString()).contains("did not write");
    assertThat(dataDir.resolve("demo/mine.txt")).hasContent("keep");
  }

  private static UsageLine ledgerTotal(Path dir) {
    try (Database db = Database.open(new DatabaseConfig.Sqlite(dir))) {
      return new UsageReport(db).total(UsageWindow.ALL_TIME);
    }
  }
}
