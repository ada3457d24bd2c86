package dev.gearbox.cost;

import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Replicas as separate connection pools on one SQLite file, as separate processes would be. */
class SqliteSharedRateLimitsTest extends SharedRateLimitsContractTest {
  @TempDir Path dataDir;

  @Override
  Database openReplicaDatabase() {
    return Database.open(new DatabaseConfig.Sqlite(dataDir));
  }
}
