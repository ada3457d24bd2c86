package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.helidon.logging.common.spi.LoggingProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

class Slf4jLoggingTest {
  @Test
  void helidonFindsGearboxLoggingAsItsProvider() {
    assertThat(ServiceLoader.load(LoggingProvider.class).stream()
        .map(ServiceLoader.Provider::type))
        .containsExactly(Slf4jLogging.class);
  }

  @Test
  void initialisation_routesJavaUtilLoggingToSlf4j() {
    new Slf4jLogging().initialization();
    new Slf4jLogging().runTime();

    assertThat(SLF4JBridgeHandler.isInstalled()).isTrue();
    // exactly one bridge, and no console handler printing the same lines a second time
    // (a started Helidon server adds a handler of its own that prints nothing)
    java.util.logging.Handler[] handlers = java.util.logging.Logger.getLogger("").getHandlers();
    assertThat(handlers).filteredOn(h -> h instanceof SLF4JBridgeHandler).hasSize(1);
    assertThat(handlers).noneMatch(h -> h instanceof java.util.logging.ConsoleHandler);
  }

  @Test
  void theTokenizersGpuProbeIsQuiet() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(logback.getLogger("ai.djl.util.cuda.CudaUtils").getEffectiveLevel())
        .isEqualTo(Level.ERROR);
  }
}
