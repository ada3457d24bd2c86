package dev.gearbox.cost;

import dev.gearbox.model.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request as the ledger keeps it, cache hits and errors included. The key is its id, never
 * its secret. Costs are in USD, kept to twelve decimals (picodollars) and time to
 * the millisecond, which is what the ledger stores, so an entry reads back equal to itself.
 *
 * @param sessionId the agent session ({@code x-gearbox-session}), when the client sent one
 * @param parentCallId the call this one was made from ({@code x-gearbox-parent})
 * @param requestedModel the model or alias the client asked for ("auto")
 * @param servedModel the model that answered, absent when none did (an early error)
 * @param tier the tier it was routed to
 * @param routeReason why (the route stage's verdict)
 * @param usage token counts by kind and where they came from
 * @param upstreamLatencyMs time spent waiting for the upstream, absent when none was called
 */
public record LedgerEntry(
    String requestId,
    Instant time,
    Optional<String> keyId,
    Optional<String> tenant,
    Optional<String> sessionId,
    Optional<String> parentCallId,
    String requestedModel,
    Optional<String> servedModel,
    Optional<String> tier,
    Optional<String> routeReason,
    CacheStatus cacheStatus,
    Usage usage,
    BigDecimal costUsd,
    BigDecimal counterfactualUsd,
    long latencyMs,
    OptionalLong upstreamLatencyMs,
    int httpStatus) {

  public LedgerEntry {
    Objects.requireNonNull(requestId, "requestId");
    time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(parentCallId, "parentCallId");
    Objects.requireNonNull(requestedModel, "requestedModel");
    Objects.requireNonNull(servedModel, "servedModel");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(routeReason, "routeReason");
    Objects.requireNonNull(cacheStatus, "cacheStatus");
    Objects.requireNonNull(usage, "usage");
    costUsd = Money.usd(costUsd);
    counterfactualUsd = Money.usd(counterfactualUsd);
    Objects.requireNonNull(upstreamLatencyMs, "upstreamLatencyMs");
    if (costUsd.signum() < 0 || counterfactualUsd.signum() < 0) {
      throw new IllegalArgumentException("costs are never negative");
    }
    if (latencyMs < 0 || upstreamLatencyMs.orElse(0) < 0) {
      throw new IllegalArgumentException("latencies are never negative");
    }
    if (httpStatus < 100 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be an HTTP status, was " + httpStatus);
    }
  }

  /** Starts an entry; every field not set stays absent, zero, or {@link CacheStatus#BYPASS}. */
  public static LedgerEntryBuilder builder(String requestId, Instant time, String requestedModel) {
    return new LedgerEntryBuilder(requestId, time, requestedModel);
  }

  /** {@code counterfactual - cost}: what routing and caching saved on this request. */
  public BigDecimal savedUsd() {
    return Counterfactual.saved(costUsd, counterfactualUsd);
  }
}
