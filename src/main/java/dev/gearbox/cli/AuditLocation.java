package dev.gearbox.cli;

import dev.gearbox.audit.AuditReader;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where an audit log is: the SQLite database and keys under {@code --data-dir}, or, with {@code
 * --config}, the database that configuration names (PostgreSQL for several replicas).
 */
final class AuditLocation {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Gearbox data directory: database and audit keys (default: ${DEFAULT-VALUE}).",
      defaultValue = "gearbox-data")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Read the database from this configuration (e.g. a shared PostgreSQL).")
  Path config;

  /** The configuration read from {@link #config}, once. */
  private GatewayConfig loadedConfig;

  /** The log's database, opened for reading without migrating it. */
  AuditReader reader() {
    return AuditReader.direct(database());
  }

  /** The data directory, where the audit key pair lives. */
  Path keysDir() {
    return loaded().map(GatewayConfig::dataDir).orElse(dataDir);
  }

  private DatabaseConfig database() {
    return loaded().map(GatewayConfig::database)
        .orElseGet(() -> new DatabaseConfig.Sqlite(dataDir));
  }

  private Optional<GatewayConfig> loaded() {
    if (config == null) {
      return Optional.empty();
    }
    if (loadedConfig == null) {
      loadedConfig = ConfigLoader.fromSystemEnvironment().load(Optional.of(config), dataDir);
    }
    return Optional.of(loadedConfig);
  }
}
