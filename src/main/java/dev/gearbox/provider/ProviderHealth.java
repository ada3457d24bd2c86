package dev.gearbox.provider;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway has seen of one provider lately, for {@code /health} and the dashboard;
 * {@code lastError} is the client-safe message of the last failure.
 * Only failures that say something about the upstream's state count (5xx, 429, timeouts, broken
 * connections, a refused key or spent account); a request the upstream refused as invalid still
 * shows it up and answering.
 */
public record ProviderHealth(
    String provider,
    int consecutiveFailures,
    long failures,
    long successes,
    Optional<Instant> lastSuccessAt,
    Optional<Instant> lastFailureAt,
    Optional<Attempt.Outcome> lastFailure,
    Optional<String> lastError) {

  public ProviderHealth {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
    Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    Objects.requireNonNull(lastFailure, "lastFailure");
    Objects.requireNonNull(lastError, "lastError");
    if (consecutiveFailures < 0 || failures < consecutiveFailures || successes < 0) {
      throw new IllegalArgumentException("health counters are inconsistent");
    }
  }

  static ProviderHealth unknown(String provider) {
    return new ProviderHealth(
        provider, 0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** No failure since the last success (or nothing seen yet). */
  public boolean healthy() {
    return consecutiveFailures == 0;
  }

  ProviderHealth afterSuccess(Instant at) {
    return new ProviderHealth(
        provider,
        0,
        failures,
        successes + 1,
        Optional.of(at),
        lastFailureAt,
        lastFailure,
        lastError);
  }

  ProviderHealth afterFailure(Instant at, Attempt.Outcome outcome, String error) {
    return new ProviderHealth(
        provider,
        consecutiveFailures + 1,
        failures + 1,
        successes,
        lastSuccessAt,
        Optional.of(at),
        Optional.of(outcome),
        Optional.of(error));
  }
}
