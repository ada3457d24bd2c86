package dev.gearbox.audit;

import dev.gearbox.store.DatabaseConfig;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Reads the audit tables, for the verifier, the exporter and session reports. It only selects;
 * the command-line tools open the database directly, without running migrations, so that
 * inspecting a copy of a log never changes it.
 */
public final class AuditReader {
  private static final String COLUMNS = "seq, request_id, session_id, at_epoch_ms, body, hash";

  private final ConnectionSource source;

  public AuditReader(DataSource dataSource) {
    this.source = dataSource::getConnection;
  }

  private AuditReader(ConnectionSource source) {
    this.source = source;
  }

  /**
   * A reader on the database of {@code config}, opened without migrating it.
   *
   * @throws AuditException when the SQLite file does not exist or holds no audit log
   */
  public static AuditReader direct(DatabaseConfig config) {
    AuditReader reader = switch (config) {
      case DatabaseConfig.Sqlite sqlite -> {
        if (!Files.isRegularFile(sqlite.file())) {
          throw new AuditException("no database at " + sqlite.file()
              + "; point --data-dir at the gateway's data directory");
        }
        String url = "jdbc:sqlite:" + sqlite.file().toAbsolutePath();
        yield new AuditReader(() -> DriverManager.getConnection(url));
      }
      case DatabaseConfig.Postgres postgres -> new AuditReader(() -> {
        Properties props = new Properties();
        props.setProperty("user", postgres.user());
        postgres.password().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection(postgres.jdbcUrl(), props);
      });
    };
    reader.requireTables();
    return reader;
  }

  /** Every record in order of {@code seq}, one at a time, until {@code visitor} says stop. */
  public void forEach(RecordVisitor visitor) {
    String sql = "SELECT " + COLUMNS + " FROM audit_log ORDER BY seq";
    try (Connection c = source.open();
        Statement select = c.createStatement()) {
      select.setFetchSize(500);
      try (ResultSet rows = select.executeQuery(sql)) {
        boolean more = true;
        while (more && rows.next()) {
          more = visitor.visit(read(rows));
        }
      }
    } catch (SQLException e) {
      throw new AuditException("cannot read the audit log", e);
    }
  }

  /** The records of one agent session, in order. */
  public List<StoredRecord> session(String sessionId) {
    return select("SELECT " + COLUMNS + " FROM audit_log WHERE session_id = ? ORDER BY seq",
        sessionId);
  }

  /** The records of one request id (one, unless the log was tampered with). */
  public List<StoredRecord> byRequestId(String requestId) {
    return select("SELECT " + COLUMNS + " FROM audit_log WHERE request_id = ? ORDER BY seq",
        requestId);
  }

  public long count() {
    return longValue("SELECT COUNT(*) FROM audit_log");
  }

  /** The signed checkpoints, in order of the record they cover. */
  public List<Checkpoint> checkpoints() {
    String sql = "SELECT seq, hash, at_epoch_ms, key_id, signature FROM audit_checkpoint"
        + " ORDER BY seq";
    try (Connection c = source.open();
        Statement select = c.createStatement();
        ResultSet rows = select.executeQuery(sql)) {
      List<Checkpoint> found = new ArrayList<>();
      while (rows.next()) {
        found.add(new Checkpoint(rows.getLong(1), rows.getString(2), rows.getLong(3),
            rows.getString(4), rows.getString(5)));
      }
      return found;
    } catch (SQLException e) {
      throw new AuditException("cannot read the audit checkpoints", e);
    }
  }

  private List<StoredRecord> select(String sql, String value) {
    try (Connection c = source.open();
        PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, value);
      List<StoredRecord> found = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(read(rows));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new AuditException("cannot read the audit log", e);
    }
  }

  private long longValue(String sql) {
    try (Connection c = source.open();
        Statement select = c.createStatement();
        ResultSet row = select.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new AuditException("cannot read the audit log", e);
    }
  }

  private void requireTables() {
    try {
      longValue("SELECT COUNT(*) FROM audit_checkpoint");
    } catch (AuditException e) {
      throw new AuditException("this database holds no audit log (was it written by Gearbox"
          + " with auditing, and is this its data directory?)", e);
    }
  }

  private static StoredRecord read(ResultSet row) throws SQLException {
    return new StoredRecord(
        row.getLong(1),
        row.getString(2),
        Optional.ofNullable(row.getString(3)),
        row.getLong(4),
        row.getString(5),
        row.getString(6));
  }

  /** Sees records one at a time; returns false to stop. */
  @FunctionalInterface
  public interface RecordVisitor {
    boolean visit(StoredRecord record);
  }

  @FunctionalInterface
  private interface ConnectionSource {
    Connection open() throws SQLException;
  }
}
