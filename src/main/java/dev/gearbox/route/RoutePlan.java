package dev.gearbox.route;

import dev.gearbox.provider.ModelSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The models to try for one request, in order (the chosen model, then its fallbacks that can
 * serve the request), and the reason the first was chosen. When the learned router chose, also
 * its verdict; when the answer of a small model must be validated, the models to escalate to
 * ({@code escalation}, non-empty) and whether the answer scorer is asked too ({@code
 * cascade}: the score fell in the unsure band).
 */
public record RoutePlan(
    String requestedModel,
    List<ModelSpec> candidates,
    String reason,
    Optional<RouteScore> score,
    List<ModelSpec> escalation) {

  public RoutePlan {
    Objects.requireNonNull(requestedModel, "requestedModel");
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(score, "score");
    escalation = List.copyOf(escalation);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a plan has at least one candidate");
    }
  }

  /** A plan made by rules alone. */
  public RoutePlan(String requestedModel, List<ModelSpec> candidates, String reason) {
    this(requestedModel, candidates, reason, Optional.empty(), List.of());
  }

  public ModelSpec chosen() {
    return candidates.getFirst();
  }

  /** Whether a small-tier answer is validated before it is served. */
  public boolean validates() {
    return !escalation.isEmpty();
  }

  /** Whether the request is in the cascade band: small first, answer scored, then decided. */
  public boolean cascade() {
    return validates() && score.map(RouteScore::cascade).orElse(false);
  }
}
