package dev.gearbox.route;

import dev.gearbox.provider.ModelSpec;
import java.util.List;
import java.util.Objects;

/**
 * The models to try for one request, in order (the chosen model, then its fallbacks that can
 * serve the request), and the reason the first was chosen.
 */
public record RoutePlan(String requestedModel, List<ModelSpec> candidates, String reason) {
  public RoutePlan {
    Objects.requireNonNull(requestedModel, "requestedModel");
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(reason, "reason");
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a plan has at least one candidate");
    }
  }

  public ModelSpec chosen() {
    return candidates.getFirst();
  }
}
