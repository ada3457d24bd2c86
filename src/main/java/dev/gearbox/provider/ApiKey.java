package dev.gearbox.provider;

import java.util.Optional;
import java.util.function.Function;

/** Reads a provider's API key from the environment variable its spec names, once, at start. */
final class ApiKey {
  private ApiKey() {}

  /**
   * The key, or empty when the spec names no variable (a local server without auth).
   *
   * @throws IllegalStateException when the named variable is unset or blank; the message names
   *     the variable, never a value
   */
  static Optional<String> read(ProviderSpec spec, Function<String, Optional<String>> env) {
    if (spec.apiKeyEnv().isEmpty()) {
      return Optional.empty();
    }
    String variable = spec.apiKeyEnv().get();
    Optional<String> key = env.apply(variable).map(String::strip).filter(k -> !k.isEmpty());
    if (key.isEmpty()) {
      throw new IllegalStateException(
          "provider '%s': environment variable %s holds no API key"
              .formatted(spec.name(), variable));
    }
    return key;
  }
}
