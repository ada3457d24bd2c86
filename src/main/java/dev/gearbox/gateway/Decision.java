package dev.gearbox.gateway;

import dev.gearbox.compress.CompressionNote;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a request went where it went: the model asked for, the model that served, its tier, the
 * rule or reason that chose it, the cache status, every upstream attempt on the way (retries
 * and fallbacks), and what the compression stage did to the prompt, if anything. Ends up in the
 * ledger, the response headers and the metrics.
 */
public record Decision(
    String requestedModel,
    String servedModel,
    String tier,
    String reason,
    String cacheStatus,
    List<String> attempts,
    Optional<CompressionNote> compression) {

  public Decision {
    Objects.requireNonNull(requestedModel, "requestedModel");
    Objects.requireNonNull(servedModel, "servedModel");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(cacheStatus, "cacheStatus");
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(compression, "compression");
  }

  /** A decision on an uncompressed prompt. */
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
        .formatted(servedModel, tier, reason, attempts.size());
  }

  public String attemptsSummary() {
    return attempts.stream().collect(Collectors.joining(", "));
  }
}
