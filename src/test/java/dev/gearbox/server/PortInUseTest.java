package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

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
    Slf4jLogging.install(); // as the gateway's command does
    Logger webserver = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    webserver.addAppender(logged);
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
      // no stack trace from the webserver in front of the message that says what to do
      assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    } finally {
      webserver.detachAppender(logged);
    }
  }
}
