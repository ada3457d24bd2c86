package dev.gearbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.cost.CacheStatus;
import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.cost.SqlLedger;
import dev.gearbox.model.Usage;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UsageCommandTest {
  private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void recordDemoTraffic() {
    try (Database db = Database.open(new DatabaseConfig.Sqlite(dataDir));
        SqlLedger ledger = SqlLedger.start(db)) {
      ledger.record(entry("r1", "cheap", "sim-small", "0.000066", "0.0013"));
      ledger.record(entry("r2", "cheap", "sim-small", "0.000066", "0.0013"));
      ledger.record(entry("r3", "frontier", "sim-frontier", "0.0013", "0.0013"));
    }
  }

  @Test
  void table_showsSavingsByTier() {
    int exit = run("--data-dir", dataDir.toString());

    assertThat(exit).isZero();
    String text = out.toString();
    assertThat(text).contains("by tier");
    assertThat(text).containsPattern("cheap\\s+2\\s+.*0\\.002468\\s+94\\.9%");
    assertThat(text).containsPattern("frontier\\s+1\\s+.*0\\.000000\\s+0\\.0%");
    assertThat(text).containsPattern("total\\s+3\\s+.*0\\.002468\\s+63\\.3%");
  }

  @Test
  void json_byModelAndDay() throws Exception {
    int exit = run("--data-dir", dataDir.toString(), "--json", "--by", "model,day");

    assertThat(exit).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/total/requests").asLong()).isEqualTo(3);
    assertThat(json.at("/total/saved_usd").asText()).isEqualTo("0.002468");
    assertThat(json.at("/by/model/0/group").asText()).isEqualTo("sim-small");
    assertThat(json.at("/by/day/0/group").asText()).isEqualTo("2026-12-03");
    assertThat(json.at("/by/tier").isMissingNode()).isTrue();
  }

  @Test
  void missingLedger_saysWhereItLooked(@TempDir Path empty) {
    int exit = run("--data-dir", empty.resolve("nothing").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("no ledger at").contains("nothing");
  }

  @Test
  void unknownGrouping_isRejectedWithTheKnownOnes() {
    int exit = run("--data-dir", dataDir.toString(), "--by", "planet");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("planet").contains("tier");
  }

  @Test
  void sinceAndUntil_takeDatesOrInstants_untilIsNotIncluded() throws Exception {
    int day = run("--data-dir", dataDir.toString(), "--json", "--since", "2026-12-03",
        "--until", "2026-12-04");
    JsonNode wholeDay = new ObjectMapper().readTree(out.toString());
    out.getBuffer().setLength(0);
    int before = run("--data-dir", dataDir.toString(), "--json", "--until",
        "2026-12-03T09:00:00Z");
    JsonNode beforeFirst = new ObjectMapper().readTree(out.toString());

    assertThat(day).isZero();
    assertThat(wholeDay.at("/total/requests").asLong()).isEqualTo(3);
    assertThat(before).isZero();
    assertThat(beforeFirst.at("/total/requests").asLong()).isZero();
  }

  @Test
  void badOrBackwardsTimes_areUsageErrors() {
    assertThat(run("--data-dir", dataDir.toString(), "--since", "yesterday")).isEqualTo(2);
    assertThat(err.toString()).contains("neither a date (2026-12-01) nor an ISO-8601 instant");
    assertThat(run("--data-dir", dataDir.toString(), "--since", "2026-12-04", "--until",
        "2026-12-03")).isEqualTo(2);
    assertThat(err.toString()).contains("--since must come before --until");
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new UsageCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static LedgerEntry entry(String id, String tier, String model, String cost,
      String counterfactual) {
    return LedgerEntry.builder(id, T0, "auto")
        .key("k1", "acme")
        .route(model, tier, "demo")
        .cacheStatus(CacheStatus.MISS)
        .usage(Usage.upstream(100, 10))
        .cost(new BigDecimal(cost), new BigDecimal(counterfactual))
        .build();
  }
}
