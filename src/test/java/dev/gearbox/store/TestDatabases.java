package dev.gearbox.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Real PostgreSQL for tests: the server on 127.0.0.1:5432 (database {@code test}, user {@code
 * postgres}, trust auth) when one answers, else an embedded one started once per JVM from the
 * zonky binaries on the test classpath. Each call to {@link #freshPostgresSchema()} isolates a
 * test in a new schema, dropped again by {@link PostgresSchema#close()}.
 */
public final class TestDatabases {
  private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";
  private static final int CONNECT_TIMEOUT_SECONDS = 2;

  private static String baseUrl;

  private TestDatabases() {}

  /** A new, empty schema and a config whose connections use it. */
  public static PostgresSchema freshPostgresSchema() {
    String url = baseUrl();
    String schema = "gearbox_test_" + UUID.randomUUID().toString().replace("-", "");
    execute(url, "CREATE SCHEMA " + schema);
    String separator = url.contains("?") ? "&" : "?";
    DatabaseConfig.Postgres config =
        new DatabaseConfig.Postgres(url + separator + "currentSchema=" + schema, USER,
            Optional.empty());
    return new PostgresSchema(config, () -> execute(url, "DROP SCHEMA " + schema + " CASCADE"));
  }

  /** A test schema; closing drops it with everything in it. */
  public record PostgresSchema(DatabaseConfig.Postgres config, Runnable drop)
      implements AutoCloseable {
    @Override
    public void close() {
      drop.run();
    }
  }

  private static synchronized String baseUrl() {
    if (baseUrl == null) {
      baseUrl = localServerAnswers() ? LOCAL_URL : startEmbedded();
    }
    return baseUrl;
  }

  private static boolean localServerAnswers() {
    if (Boolean.getBoolean("gearbox.test.embeddedPostgres")) {
      return false;
    }
    try (Connection ignored = connect(LOCAL_URL)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static String startEmbedded() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
      return postgres.getJdbcUrl(USER, "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    return DriverManager.getConnection(url, props);
  }

  private static void execute(String url, String sql) {
    try (Connection c = connect(url);
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database statement failed: " + sql, e);
    }
  }
}
