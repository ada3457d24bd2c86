package dev.gearbox.cost;

import dev.gearbox.store.Database;
import dev.gearbox.store.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One read-check-write transaction on the shared counters (budgets, rate buckets). SQLite takes
 * its write lock at the start ({@code BEGIN IMMEDIATE}), so a reader never has to become a writer
 * mid-transaction, which SQLite refuses when another process wrote in between; PostgreSQL locks
 * the rows the work selects {@code FOR UPDATE} ({@link #forUpdate}).
 */
final class WriteTransaction {
  private WriteTransaction() {}

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} as one transaction: committed when it returns, rolled back if it throws. */
  static <T> T run(Database database, SqlWork<T> work) throws SQLException {
    try (Connection c = database.dataSource().getConnection()) {
      boolean sqlite = database.dialect() == Dialect.SQLITE;
      begin(c, sqlite);
      try {
        T result = work.run(c);
        commit(c, sqlite);
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, sqlite, e);
        throw e;
      } finally {
        if (!sqlite) {
          c.setAutoCommit(true);
        }
      }
    }
  }

  /** The suffix that locks selected rows until the transaction ends (SQLite locks it all). */
  static String forUpdate(Database database) {
    return database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
  }

  private static void begin(Connection c, boolean sqlite) throws SQLException {
    if (sqlite) {
      execute(c, "BEGIN IMMEDIATE");
    } else {
      c.setAutoCommit(false);
    }
  }

  private static void commit(Connection c, boolean sqlite) throws SQLException {
    if (sqlite) {
      execute(c, "COMMIT");
    } else {
      c.commit();
    }
  }

  private static void rollback(Connection c, boolean sqlite, Exception cause) {
    try {
      if (sqlite) {
        execute(c, "ROLLBACK");
      } else {
        c.rollback();
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }
}
