package dev.gearbox.server;

import io.helidon.logging.common.spi.LoggingProvider;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Gearbox logs through SLF4J and Logback ({@code logback.xml}); Helidon and other libraries log
 * through {@code java.util.logging}. This routes the latter into the former so every line has
 * one format and one destination (stderr), and, registered as Helidon's logging provider, it
 * tells Helidon that logging is configured.
 */
public final class Slf4jLogging implements LoggingProvider {
  /** Routes {@code java.util.logging} to SLF4J; calling it again changes nothing. */
  public static synchronized void install() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  @Override
  public void initialization() {
    install();
  }

  @Override
  public void runTime() {
    install();
  }
}
