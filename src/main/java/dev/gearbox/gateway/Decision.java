package dev.gearbox.gateway;

import dev.gearbox.compress.CompressionNote;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Why a request went where it went: the model asked for, the model that served, its tier, the
 * rule or reason that chose it, the cache status, every upstream attempt on the way (retries
 * and fallbacks), and what the compression stage did to the prompt, if anything. When the
 * learned router decided, also its score and the calibrated threshold, and every escalation of
 * the cascade with its reason. Ends up in the ledger, the audit log, the response headers and
 * the metrics.
 */
public record Decision(
    String requestedModel,
    String servedModel,
    String tier,
    String reason,
    String cacheStatus,
    List<String> attempts,
    Optional<CompressionNote> compression,
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
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(threshold, "threshold");
    escalations = List.copyOf(escalations);
  }

  /** A decision made by rules alone: no classifier score, no escalation. */
  public Decision(
      String requestedModel,
      String servedModel,
      String tier,
      String reason,
      String cacheStatus,
      List<String> attempts,
      Optional<CompressionNote> compression) {
    this(requestedModel, servedModel, tier, reason, cacheStatus, attempts, compression,
        OptionalDouble.empty(), OptionalDouble.empty(), List.of());
  }

  /** A decision on an uncompressed prompt, made by rules alone. */
  public Decision(
      String requestedModel,
      String servedModel,
      String tier,
      String reason,
      String cacheStatus,
      List<String> attempts) {
    this(requestedModel, servedModel, tier, reason, cacheStatus, attempts, Optional.empty());
  }

  /** The {@code x-gearbox-route} header: compact, one line, no secrets. */
  public String routeHeader() {
    return "model=%s; tier=%s; reason=%s; attempts=%d"
        .formatted(servedModel, tier, reason, attempts.size()) + routerPart();
  }

  /** The route reason as the ledger keeps it: reason, then score, threshold and escalations. */
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
