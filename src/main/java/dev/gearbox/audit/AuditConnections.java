package dev.gearbox.audit;

import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The connection audit appends run on. On SQLite it is one dedicated connection with {@code
 * synchronous=FULL}, so a committed record survives a power cut and not only a process crash
 * (the shared pool keeps the ledger's cheaper {@code NORMAL}); the caller serialises its use. On
 * PostgreSQL appends borrow from the shared pool, where every commit is durable already.
 */
final class AuditConnections implements AutoCloseable {
  private static final String SQLITE_BUSY_TIMEOUT_MS = "10000";

  private final Optional<Connection> dedicated;
  private final DataSource pool;

  private AuditConnections(Optional<Connection> dedicated, DataSource pool) {
    this.dedicated = dedicated;
    this.pool = pool;
  }

  static AuditConnections open(Database database, DatabaseConfig config) {
    return switch (config) {
      case DatabaseConfig.Sqlite sqlite ->
          new AuditConnections(Optional.of(sqliteFull(sqlite)), database.dataSource());
      case DatabaseConfig.Postgres ignored ->
          new AuditConnections(Optional.empty(), database.dataSource());
    };
  }

  private static Connection sqliteFull(DatabaseConfig.Sqlite sqlite) {
    Properties pragmas = new Properties();
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", "FULL");
    pragmas.setProperty("busy_timeout", SQLITE_BUSY_TIMEOUT_MS);
    try {
      return DriverManager.getConnection("jdbc:sqlite:" + sqlite.file().toAbsolutePath(), pragmas);
    } catch (SQLException e) {
      throw new AuditException("cannot open the audit log in " + sqlite.file(), e);
    }
  }

  /** Work inside one transaction: committed when it returns, rolled back when it throws. */
  <T> T transaction(SqlWork<T> work) throws SQLException {
    Connection connection = dedicated.isPresent() ? dedicated.get() : pool.getConnection();
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } finally {
      if (dedicated.isEmpty()) {
        connection.close();
      }
    }
  }

  @Override
  public void close() {
    if (dedicated.isPresent()) {
      try {
        dedicated.get().close();
      } catch (SQLException e) {
        throw new AuditException("cannot close the audit log's connection", e);
      }
    }
  }

  /** One step of work on a connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
