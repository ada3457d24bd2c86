package dev.gearbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.audit.AuditKeys;
import dev.gearbox.audit.AuditSettings;
import dev.gearbox.audit.SqlAuditLog;
import dev.gearbox.gateway.AuditedCall;
import dev.gearbox.gateway.CallContext;
import dev.gearbox.gateway.Decision;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Usage;
import dev.gearbox.policy.DataPolicy;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gearbox audit verify|export|public-key} and {@code gearbox session} on a real log. */
class AuditCommandsTest {
  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void recordAnAgentSession() {
    DatabaseConfig sqlite = new DatabaseConfig.Sqlite(dataDir);
    try (Database db = Database.open(sqlite);
        SqlAuditLog log = SqlAuditLog.open(db, sqlite, AuditKeys.loadOrCreate(dataDir),
            new AuditSettings(false, 2, Duration.ofHours(1)), Clock.systemUTC())) {
      log.record(call("req-1", "plan", Optional.empty()));
      log.record(call("req-2", "search", Optional.of("plan")));
      log.record(call("req-3", "answer", Optional.of("plan")));
    }
  }

  @Test
  void verify_intactLog_exitsZero() {
    int exit = run("audit", "verify", "--data-dir", dataDir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("audit log intact: 3 records", "2 signed checkpoints");
  }

  @Test
  void verify_tamperedLog_exitsOneAndNamesTheRecord() throws Exception {
    try (Connection c = DriverManager.getConnection(
        "jdbc:sqlite:" + dataDir.resolve(DatabaseConfig.Sqlite.FILE_NAME))) {
      c.createStatement().executeUpdate(
          "UPDATE audit_log SET body = replace(body, 'sim-small', 'sim-frontier') WHERE seq = 2");
    }

    int exit = run("audit", "verify", "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("BROKEN at record 2 (request req-2): changed",
        "record 1 verifies");
  }

  @Test
  void verify_withKeptCheckpoints_saysHowManyWereCheckedAndWithWhichKey() throws Exception {
    Path file = dataDir.resolve("audit.jsonl");
    run("audit", "export", "--format", "jsonl", "--data-dir", dataDir.toString(),
        "--output", file.toString());
    Path publicKey = dataDir.resolve(AuditKeys.PUBLIC_KEY_FILE);
    String keyId = AuditKeys.keyId(AuditKeys.readPublicKey(publicKey));

    int exit = run("audit", "verify", "--data-dir", dataDir.toString(),
        "--checkpoints", file.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("audit log intact: 3 records",
        "checkpoints from " + file + ": 2 checked against the log (covering records up to 3),"
            + " all match; signed with key " + keyId + " (" + publicKey + ")");
  }

  @Test
  void verify_withAKeptCheckpointTheLogNoLongerMatches_failsNamingTheFile() throws Exception {
    Path file = dataDir.resolve("audit.jsonl");
    run("audit", "export", "--format", "jsonl", "--data-dir", dataDir.toString(),
        "--output", file.toString());
    try (Connection c = DriverManager.getConnection(
        "jdbc:sqlite:" + dataDir.resolve(DatabaseConfig.Sqlite.FILE_NAME))) {
      c.createStatement().executeUpdate("DELETE FROM audit_log WHERE seq = 3");
      c.createStatement().executeUpdate("DELETE FROM audit_checkpoint WHERE seq = 3");
    }
    assertThat(run("audit", "verify", "--data-dir", dataDir.toString())).isZero();

    int exit = run("audit", "verify", "--data-dir", dataDir.toString(),
        "--checkpoints", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("BROKEN at record 3", "removed from the end",
        "the checkpoint from " + file);
  }

  @Test
  void verify_withAFileHoldingNoCheckpoints_fails() throws Exception {
    Path file = Files.writeString(dataDir.resolve("notes.txt"), "nothing signed here\n");

    int exit = run("audit", "verify", "--data-dir", dataDir.toString(),
        "--checkpoints", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains(file + " holds no audit checkpoints");
  }

  @Test
  void verify_withoutADatabase_saysWhereItLooked(@TempDir Path empty) {
    int exit = run("audit", "verify", "--data-dir", empty.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("no database at", empty.toString());
  }

  @Test
  void export_writesEveryRecordAndCheckpointAsJsonLines() throws Exception {
    Path file = dataDir.resolve("audit.jsonl");

    int exit = run("audit", "export", "--format", "jsonl", "--data-dir", dataDir.toString(),
        "--output", file.toString());

    assertThat(exit).isZero();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(5);
    JsonNode first = Json.MAPPER.readTree(lines.getFirst());
    assertThat(first.path("type").asText()).isEqualTo("audit_record");
    assertThat(first.path("request_id").asText()).isEqualTo("req-1");
    assertThat(first.path("hash").asText()).matches("[0-9a-f]{64}");
    assertThat(Json.MAPPER.readTree(lines.getLast()).path("type").asText())
        .isEqualTo("audit_checkpoint");
  }

  @Test
  void export_unknownFormat_isRefused() {
    int exit = run("audit", "export", "--format", "csv", "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("supported: jsonl");
  }

  @Test
  void publicKey_printsThePemThatVerifies() throws Exception {
    int exit = run("audit", "public-key", "--data-dir", dataDir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("-----BEGIN PUBLIC KEY-----")
        .isEqualTo(Files.readString(dataDir.resolve(AuditKeys.PUBLIC_KEY_FILE)));
  }

  @Test
  void session_printsTheCallTree() {
    int exit = run("session", "run-1", "--data-dir", dataDir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("session run-1: 3 calls", "plan  sim-small small",
        "├─ search", "└─ answer", "prompt tokens by depth");
  }

  @Test
  void serve_refusesAnAirgappedConfigWithAnExternalProvider() throws Exception {
    Path config = dataDir.resolve("airgap.yaml");
    Files.writeString(config, """
        airgap: true
        providers:
          - {name: openai, kind: openai-compatible, base_url: "https://api.openai.com/v1"}
        models:
          - {alias: gpt-4o, provider: openai, tier: frontier}
        """);

    int exit = run("serve", "--config", config.toString(), "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(FriendlyErrors.CONFIG_ERROR);
    assertThat(err.toString()).contains("airgap: provider 'openai'", "is external");
  }

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static AuditedCall call(String requestId, String callId, Optional<String> parent) {
    CallContext context = new CallContext(requestId, Instant.parse("2026-12-03T09:00:00Z"),
        "team-a", "acme", Optional.of("run-1"), parent, callId,
        DataPolicy.STANDARD.defaultLabel());
    ChatRequest request =
        ChatRequest.of("auto", List.of(Message.text(Role.USER, "Find the invoice total.")));
    return new AuditedCall(context, "auto", request,
        Optional.of(new Decision("auto", "sim-small", "small", "default-model", "miss",
            List.of())),
        200, Optional.empty(), Usage.upstream(120, 30), new BigDecimal("0.0001"),
        new BigDecimal("0.002"), Optional.of(List.of(new Choice(0,
            Message.assistant("42.00", List.of()), FinishReason.STOP))));
  }
}
