package dev.gearbox.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.LoggerFactory;

/**
 * The process's one connection pool and schema, on SQLite or PostgreSQL.
 *
 * <p>Opening runs the Flyway migrations under {@code db/migration/<dialect>} ({@link
 * Dialect#migrationLocation()}). A feature that keeps tables adds its scripts there, one per
 * dialect with the same version, named {@code V<n>__<feature>_<what>.sql} with the next free
 * number; applied scripts are never edited, a change is a new script.
 *
 * <p>SQLite runs in WAL mode (readers never block the writer) with a busy timeout, so the few
 * writers of one process queue up instead of failing; {@code synchronous=NORMAL} is durable
 * across process crashes in WAL mode, which is the failure the ledger guards against.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final int SQLITE_POOL_SIZE = 4;
  private static final int POSTGRES_POOL_SIZE = 10;
  private static final String SQLITE_BUSY_TIMEOUT_MS = "10000";

  private final HikariDataSource dataSource;
  private final Dialect dialect;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /**
   * Opens the pool and brings the schema up to date.
   *
   * @throws org.flywaydb.core.api.FlywayException when a migration fails (the pool is closed)
   * @throws UncheckedIOException when the SQLite data directory cannot be created
   */
  public static Database open(DatabaseConfig config) {
    HikariDataSource pool =
        switch (config) {
          case DatabaseConfig.Sqlite sqlite -> sqlitePool(sqlite);
          case DatabaseConfig.Postgres postgres -> postgresPool(postgres);
        };
    Dialect dialect =
        switch (config) {
          case DatabaseConfig.Sqlite ignored -> Dialect.SQLITE;
          case DatabaseConfig.Postgres ignored -> Dialect.POSTGRESQL;
        };
    Database database = new Database(pool, dialect);
    try {
      database.migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return database;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Closes the pool; connections in use are closed as they are returned. */
  @Override
  public void close() {
    dataSource.close();
  }

  private void migrate() {
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations(dialect.migrationLocation()).load();
    MigrateResult result = flyway.migrate();
    // worth a line only when the schema changed; a command reading the ledger stays quiet
    LOG.atLevel(result.migrationsExecuted > 0 ? Level.INFO : Level.DEBUG).log(
        "{}: schema at version {} ({} migrations applied now)",
        dataSource.getPoolName(),
        flyway.info().current().getVersion(),
        result.migrationsExecuted);
  }

  private static HikariDataSource sqlitePool(DatabaseConfig.Sqlite config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("gearbox-sqlite");
    hikari.setJdbcUrl("jdbc:sqlite:" + config.file().toAbsolutePath());
    hikari.setMaximumPoolSize(SQLITE_POOL_SIZE);
    hikari.addDataSourceProperty("journal_mode", "WAL");
    hikari.addDataSourceProperty("synchronous", "NORMAL");
    hikari.addDataSourceProperty("busy_timeout", SQLITE_BUSY_TIMEOUT_MS);
    hikari.addDataSourceProperty("foreign_keys", "true");
    return new HikariDataSource(hikari);
  }

  private static HikariDataSource postgresPool(DatabaseConfig.Postgres config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("gearbox-postgres");
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.user());
    config.password().ifPresent(hikari::setPassword);
    hikari.setMaximumPoolSize(POSTGRES_POOL_SIZE);
    return new HikariDataSource(hikari);
  }
}
