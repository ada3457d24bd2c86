package dev.gearbox.audit;

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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Calls to audit and a log on a fresh SQLite data directory, for the audit tests. */
final class AuditFixtures {
  static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

  private AuditFixtures() {}

  /** A served call with a prompt and an answer; its call id is its request id. */
  static AuditedCall call(String requestId, Optional<String> session, Optional<String> parent,
      String prompt, String answer) {
    return call(requestId, requestId, session, parent, prompt, answer);
  }

  /** A served call named {@code callId} by its client. */
  static AuditedCall call(String requestId, String callId, Optional<String> session,
      Optional<String> parent, String prompt, String answer) {
    CallContext context = new CallContext(requestId, T0, "team-a", "acme", session, parent,
        callId, DataPolicy.STANDARD.defaultLabel());
    ChatRequest request = ChatRequest.of("auto", List.of(Message.text(Role.USER, prompt)));
    Decision decision = new Decision("auto", "sim-small", "small", "default-model", "miss",
        List.of("sim-small:served"));
    return new AuditedCall(context, "auto", request, Optional.of(decision), 200,
        Optional.empty(), Usage.upstream(prompt.length(), answer.length()),
        new BigDecimal("0.000120"), new BigDecimal("0.002400"),
        Optional.of(List.of(new Choice(0, Message.assistant(answer, List.of()),
            FinishReason.STOP))));
  }

  static AuditedCall call(String requestId) {
    return call(requestId, Optional.empty(), Optional.empty(), "What is 2 + 2?", "4");
  }

  /** A log on its own database under {@code dir}; close both with {@link Opened#close()}. */
  static Opened open(Path dir, AuditSettings settings, Clock clock) {
    Database database = Database.open(new DatabaseConfig.Sqlite(dir));
    AuditKeys keys = AuditKeys.loadOrCreate(dir);
    SqlAuditLog log = SqlAuditLog.open(database, new DatabaseConfig.Sqlite(dir), keys,
        settings, clock);
    return new Opened(database, log, keys);
  }

  static Opened open(Path dir, int checkpointEvery) {
    return open(dir, new AuditSettings(false, checkpointEvery, Duration.ofHours(1)),
        Clock.fixed(T0, ZoneOffset.UTC));
  }

  /** Verifies the log under {@code dir} the way {@code gearbox audit verify} does. */
  static Verification verify(Path dir, List<Checkpoint> kept) {
    AuditReader reader = AuditReader.direct(new DatabaseConfig.Sqlite(dir));
    return new AuditVerifier(reader,
        List.of(AuditKeys.readPublicKey(dir.resolve(AuditKeys.PUBLIC_KEY_FILE))), kept).verify();
  }

  static Verification verify(Path dir) {
    return verify(dir, List.of());
  }

  /** A plain connection to the database, as someone tampering with it would use. */
  static Connection connect(Path dir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:sqlite:" + new DatabaseConfig.Sqlite(dir).file().toAbsolutePath());
  }

  record Opened(Database database, SqlAuditLog log, AuditKeys keys) implements AutoCloseable {
    @Override
    public void close() {
      log.close();
      database.close();
    }
  }
}
