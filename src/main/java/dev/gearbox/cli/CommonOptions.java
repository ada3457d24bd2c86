package dev.gearbox.cli;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command shares: which config, which data directory. */
final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration file (default: the embedded default).")
  Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the SQLite ledger, audit log and keys live (default: ${DEFAULT-VALUE}).",
      defaultValue = "gearbox-data")
  Path dataDir;

  GatewayConfig load() {
    return ConfigLoader.fromSystemEnvironment().load(Optional.ofNullable(config), dataDir);
  }
}
