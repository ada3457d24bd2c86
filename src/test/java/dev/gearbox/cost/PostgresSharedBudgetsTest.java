package dev.gearbox.cost;

import dev.gearbox.store.Database;

/** Replicas as separate connection pools on one PostgreSQL schema. */
class PostgresSharedBudgetsTest extends SharedBudgetsContractTest {
  private final PostgresReplicas replicas = new PostgresReplicas();

  @Override
  Database openReplicaDatabase() {
    return replicas.open();
  }

  @Override
  void cleanUp() {
    replicas.drop();
  }
}
