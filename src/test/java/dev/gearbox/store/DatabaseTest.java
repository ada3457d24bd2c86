package dev.gearbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @Test
  void sqlite_createsFileUnderDataDirInWalModeWithLedgerTable(@TempDir Path dir)
      throws SQLException {
    Path dataDir = dir.resolve("nested/data");
    try (Database db = Database.open(new DatabaseConfig.Sqlite(dataDir))) {
      assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(dataDir.resolve("gearbox.db")).exists();
      assertThat(single(db, "PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
      assertThat(single(db, "PRAGMA busy_timeout")).isEqualTo("10000");
      assertThat(single(db, "SELECT COUNT(*) FROM ledger")).isEqualTo("0");
    }
  }

  @Test
  void sqlite_reopening_keepsDataAndAppliesNoMigrationTwice(@TempDir Path dir)
      throws SQLException {
    DatabaseConfig config = new DatabaseConfig.Sqlite(dir);
    String applied;
    try (Database db = Database.open(config)) {
      applied = single(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success");
      update(db, "INSERT INTO ledger (request_id, at_epoch_ms, day, requested_model, cache_status,"
          + " input_tokens, output_tokens, cached_input_tokens, cache_write_tokens,"
          + " reasoning_tokens, usage_source, cost_picousd, counterfactual_picousd, latency_ms,"
          + " http_status) VALUES ('r1', 0, '1970-01-01', 'auto', 'MISS', 1, 1, 0, 0, 0,"
          + " 'UPSTREAM', 1, 1, 1, 200)");
      applied = single(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success");
    }
    try (Database db = Database.open(config)) {
      assertThat(single(db, "SELECT COUNT(*) FROM ledger")).isEqualTo("1");
      assertThat(single(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success"))
          .isEqualTo(applied);
    }
  }

  @Test
  void postgres_migratesIntoItsOwnSchema() throws SQLException {
    try (TestDatabases.PostgresSchema schema = TestDatabases.freshPostgresSchema();
        Database db = Database.open(schema.config())) {
      assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
      assertThat(single(db, "SELECT COUNT(*) FROM ledger")).isEqualTo("0");
      assertThat(single(db, "SELECT current_schema()")).startsWith("gearbox_test_");
    }
  }

  @Test
  void postgresConfig_neverPrintsPassword() {
    var config = new DatabaseConfig.Postgres("jdbc:postgresql://db/x", "u", Optional.of("s3cr3t"));
    assertThat(config.toString()).doesNotContain("s3cr3t");
  }

  private static String single(Database db, String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void update(Database db, String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
