package dev.gearbox.cost;

import dev.gearbox.store.Database;
import dev.gearbox.store.TestDatabases;

/** Replicas as separate connection pools on one PostgreSQL schema. */
class PostgresSharedBudgetsTest extends SharedBudgetsContractTest {
  private TestDatabases.PostgresSchema schema;

  @Override
  Database openReplicaDatabase() {
    if (schema == null) {
      schema = TestDatabases.freshPostgresSchema();
    }
    return Database.open(schema.config());
  }

  @Override
  void cleanUp() {
    schema.close();
  }
}
