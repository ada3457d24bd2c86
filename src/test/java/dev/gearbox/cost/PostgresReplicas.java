package dev.gearbox.cost;

import dev.gearbox.store.Database;
import dev.gearbox.store.TestDatabases;

/** Gateway replicas' databases: separate connection pools on one fresh PostgreSQL schema. */
final class PostgresReplicas {
  private TestDatabases.PostgresSchema schema;

  /** A new pool on the schema, which the first call makes. */
  Database open() {
    if (schema == null) {
      schema = TestDatabases.freshPostgresSchema();
    }
    return Database.open(schema.config());
  }

  /** Drops the schema, once every pool on it is closed. */
  void drop() {
    if (schema != null) {
      schema.close();
      schema = null;
    }
  }
}
