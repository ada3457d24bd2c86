package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.helidon.logging.common.spi.LoggingProvider;
import java.util.Arrays;
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
    // Once a Helidon server has run in this JVM, its shutdown keep-alive handler sits beside
    // the bridge; it publishes nothing, so it is not output.
    assertThat(Arrays.stream(java.util.logging.Logger.getLogger("").getHandlers())
        .filter(h -> !h.getClass().getName().equals("io.helidon.Main$KeepLoggingActiveHandler")))
        .hasOnlyElementsOfType(SLF4JBridgeHandler.class)
        .hasSize(1);
  }

  @Test
  void theTokenizersGpuProbeIsQuiet() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(logback.getLogger("ai.djl.util.cuda.CudaUtils").getEffectiveLevel())
        .isEqualTo(Level.ERROR);
  }
}
