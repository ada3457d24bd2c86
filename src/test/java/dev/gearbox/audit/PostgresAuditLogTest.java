package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.audit.Verification.Broken;
import dev.gearbox.audit.Verification.Problem;
import dev.gearbox.store.Database;
import dev.gearbox.store.TestDatabases;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log on shared PostgreSQL: two gateway replicas (two logs, each with its own key)
 * append to one chain, and the verifier, given both public keys, accepts it and finds a change.
 */
class PostgresAuditLogTest {
  @TempDir Path replicaA;
  @TempDir Path replicaB;
  private TestDatabases.PostgresSchema schema;

  @BeforeEach
  void freshSchema() {
    schema = TestDatabases.freshPostgresSchema();
  }

  @AfterEach
  void dropSchema() {
    schema.close();
  }

  @Test
  void twoReplicas_appendToOneChain_thatVerifiesWithBothKeys() throws Exception {
    AuditSettings settings = new AuditSettings(false, 7, Duration.ofHours(1));
    try (Database dbA = Database.open(schema.config());
        Database dbB = Database.open(schema.config());
        SqlAuditLog a = SqlAuditLog.open(dbA, schema.config(), AuditKeys.loadOrCreate(replicaA),
            settings, Clock.systemUTC());
        SqlAuditLog b = SqlAuditLog.open(dbB, schema.config(), AuditKeys.loadOrCreate(replicaB),
            settings, Clock.systemUTC());
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> fromA = pool.submit(() -> append(a, "a", 30));
      Future<?> fromB = pool.submit(() -> append(b, "b", 30));
      fromA.get();
      fromB.get();
    }

    Verification result = verifier(replicaA, replicaB).verify();
    assertThat(result.intact()).as(result.summary()).isTrue();
    assertThat(((Verification.Intact) result).records()).isEqualTo(60);
  }

  @Test
  void changedRecord_isFoundOnPostgres() throws Exception {
    try (Database db = Database.open(schema.config());
        SqlAuditLog log = SqlAuditLog.open(db, schema.config(), AuditKeys.loadOrCreate(replicaA),
            AuditSettings.DEFAULTS, Clock.systemUTC())) {
      append(log, "a", 5);
      try (Connection c = db.dataSource().getConnection()) {
        c.createStatement().executeUpdate(
            "UPDATE audit_log SET body = replace(body, '\"status\":200', '\"status\":500')"
                + " WHERE seq = 3");
      }
    }

    Verification result = verifier(replicaA).verify();
    assertThat(((Broken) result).problem()).isEqualTo(Problem.CHANGED);
    assertThat(((Broken) result).seq()).isEqualTo(3);
  }

  private AuditVerifier verifier(Path... keyDirs) {
    List<PublicKey> keys = Arrays.stream(keyDirs)
        .map(d -> AuditKeys.readPublicKey(d.resolve(AuditKeys.PUBLIC_KEY_FILE)))
        .toList();
    return new AuditVerifier(AuditReader.direct(schema.config()), keys, List.of());
  }

  private static void append(SqlAuditLog log, String replica, int count) {
    for (int i = 0; i < count; i++) {
      log.record(AuditFixtures.call("req-" + replica + "-" + i));
    }
  }
}
