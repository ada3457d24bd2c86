package dev.gearbox.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem found, one per line. */
public final class ConfigException extends IllegalArgumentException {
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super("invalid configuration " + source + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
