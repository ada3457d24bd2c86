package dev.gearbox.cache;

import dev.gearbox.model.Sampling;

/**
 * Whether requests that sample (temperature above zero, or unset, which providers treat as 1)
 * may be answered from a semantic neighbour. Either way the temperature is part of the semantic
 * scope, so a request only meets neighbours asked at the same temperature; and exact repeats are
 * served from the exact cache at any temperature.
 */
public enum TemperaturePolicy {
  /** Semantic hits at any temperature: a client that samples accepts any good answer. */
  ANY,
  /** Semantic lookups and writes only for requests that set temperature 0. */
  ZERO_ONLY;

  /** The policy named in configuration ({@code any}, {@code zero_only}). */
  public static java.util.Optional<TemperaturePolicy> named(String name) {
    return switch (name) {
      case "any" -> java.util.Optional.of(ANY);
      case "zero_only" -> java.util.Optional.of(ZERO_ONLY);
      default -> java.util.Optional.empty();
    };
  }

  boolean allows(Sampling sampling) {
    return switch (this) {
      case ANY -> true;
      case ZERO_ONLY ->
          sampling.temperature().isPresent() && sampling.temperature().getAsDouble() == 0;
    };
  }
}
