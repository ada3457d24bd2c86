package dev.gearbox.cost;

import dev.gearbox.store.Database;
import dev.gearbox.store.TestDatabases;

class PostgresLedgerTest extends LedgerContractTest {
  private TestDatabases.PostgresSchema schema;

  @Override
  Database openDatabase() {
    schema = TestDatabases.freshPostgresSchema();
    return Database.open(schema.config());
  }

  @Override
  void cleanUp() {
    schema.close();
  }
}
