package dev.gearbox.cost;

import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteLedgerTest extends LedgerContractTest {
  @TempDir Path dataDir;

  @Override
  Database openDatabase() {
    return Database.open(new DatabaseConfig.Sqlite(dataDir));
  }
}
