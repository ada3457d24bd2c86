package dev.gearbox.compress;

import java.util.Locale;
import java.util.Optional;

/** How older turns are shrunk. */
public enum CompressionMethod {
  /**
   * Keep the sentences and turns most relevant to the current request (ranked with the
   * in-process embedding model); tool results are rewritten compactly, values intact.
   */
  EXTRACTIVE,
  /** Replace older turns with a summary written by the small tier, cached per session. */
  SUMMARY;

  /** The name used in config, headers and reports: {@code extractive}, {@code summary}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The method a config name stands for. */
  public static Optional<CompressionMethod> named(String name) {
    for (CompressionMethod method : values()) {
      if (method.configName().equals(name)) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }
}
