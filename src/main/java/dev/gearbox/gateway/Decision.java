package dev.gearbox.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Why a request went where it went: the model asked for, the model that served, its tier, the
 * rule or reason that chose it, the cache status, and every upstream attempt on the way (retries
 * and fallbacks). When the learned router decided, also its score and the calibrated threshold,
 * and every escalation of the cascade with its reason. Ends up in the ledger, the response
 * headers and the metrics.
 */
public record Decision(
    String requestedModel,
    String servedModel,
    String tier,
    String reason,
    String cacheStatus,
    List<String> attempts,
    OptionalDouble score,
    OptionalDouble threshold,
    List<String> escalations) {

  public Decision {
    Objects.requireNonNull(requestedModel, "requestedModel");
    Objects.requireNonNull(servedModel, "servedModel");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(cacheStatus, "cacheStatus");
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(threshold, "threshold");
    escalations = List.copyOf(escalations);
  }

  /** A decision made by rules alone: no classifier score, no escalation. */
  public Decision(String requestedModel, String servedModel, String tier, String reason,
      String cacheStatus, List<String> attempts) {
    this(requestedModel, servedModel, tier, reason, cacheStatus, attempts,
        OptionalDouble.empty(), OptionalDouble.empty(), List.of());
  }

  /** The {@code x-gearbox-route} header: compact, one line, no secrets. */
  public String routeHeader() {
    return "model=%s; tier=%s; reason=%s; attempts=%d"
        .formatted(servedModel, tier, reason, Math.max(1, attempts.size())) + routerPart();
  }

  /** The route reason as the ledger and the audit log keep it: reason, score, escalations. */
  public String routeSummary() {
    return reason + routerPart();
  }

  private String routerPart() {
    StringBuilder part = new StringBuilder();
    score.ifPresent(s -> part.append(String.format(Locale.ROOT, "; score=%.3f", s)));
    threshold.ifPresent(t -> part.append(String.format(Locale.ROOT, "; threshold=%.3f", t)));
    if (!escalations.isEmpty()) {
      part.append("; escalated=").append(String.join(",", escalations));
    }
    return part.toString();
  }

  public String attemptsSummary() {
    return attempts.stream().collect(Collectors.joining(", "));
  }
}
