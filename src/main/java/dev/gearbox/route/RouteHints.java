package dev.gearbox.route;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the route stage may know of a request beyond its body: the caller's key, the tier the
 * client asked to pin ({@code x-gearbox-tier}), and the prompt's vector, computed only if the
 * classifier is consulted.
 */
public record RouteHints(String keyId, Optional<String> requestedTier, Supplier<float[]> vector) {
  public RouteHints {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(requestedTier, "requestedTier");
    Objects.requireNonNull(vector, "vector");
  }
}
