package dev.gearbox.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where Gearbox keeps its tables: an embedded SQLite file (the default) or a PostgreSQL server. */
public sealed interface DatabaseConfig {

  /** The SQLite file {@code gearbox.db} under {@code dataDir}, created with its directory. */
  record Sqlite(Path dataDir) implements DatabaseConfig {
    public static final String FILE_NAME = "gearbox.db";

    public Sqlite {
      Objects.requireNonNull(dataDir, "dataDir");
    }

    public Path file() {
      return dataDir.resolve(FILE_NAME);
    }
  }

  /**
   * A PostgreSQL database. Tables go to the connection's current schema, so a {@code
   * currentSchema} parameter in the URL isolates one deployment (or one test run) from another.
   */
  record Postgres(String jdbcUrl, String user, Optional<String> password)
      implements DatabaseConfig {
    public Postgres {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("a PostgreSQL URL starts with jdbc:postgresql:");
      }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
      return "Postgres[" + jdbcUrl + ", user=" + user + "]";
    }
  }
}
