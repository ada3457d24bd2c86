package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.store.DatabaseConfig;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway that cannot listen must fail to start, not run on without a listener. */
class PortInUseTest {
  @TempDir Path dataDir;

  @Test
  void portAlreadyInUse_failsTheStart_insteadOfServingNothing() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GatewayConfig config = new ConfigLoader(name -> Optional.empty())
          .loadEmbeddedDefault(dataDir)
          .withSimulator(new GatewayConfig.Simulator(true, 0, true))
          .withPort(taken.getLocalPort())
          .withDataDir(dataDir, new DatabaseConfig.Sqlite(dataDir));

      assertThatThrownBy(() -> GatewayApp.start(config, name -> Optional.empty(),
              Clock.systemUTC()).close())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not listen on 127.0.0.1:" + taken.getLocalPort())
          .hasCauseInstanceOf(BindException.class);
    }
  }
}
