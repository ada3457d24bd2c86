package dev.gearbox.provider;

import dev.gearbox.model.GatewayError;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** The health of every provider, updated from each attempt; safe for concurrent requests. */
public final class HealthBoard {
  private final Clock clock;
  private final ConcurrentMap<String, ProviderHealth> byProvider = new ConcurrentHashMap<>();

  public HealthBoard(Clock clock) {
    this.clock = clock;
  }

  /** Counts {@code attempt} against its provider when its outcome says anything about it. */
  public void record(Attempt attempt) {
    switch (attempt.outcome().health()) {
      case ANSWERED -> update(attempt.providerName(), h -> h.afterSuccess(clock.instant()));
      case FAILED ->
          update(
              attempt.providerName(),
              h ->
                  h.afterFailure(
                      clock.instant(),
                      attempt.outcome(),
                      attempt.error().map(GatewayError::message).orElse("")));
      case SILENT -> {
        // nothing to learn about the upstream
      }
    }
  }

  public ProviderHealth health(String provider) {
    return byProvider.getOrDefault(provider, ProviderHealth.unknown(provider));
  }

  /** Every provider seen so far, by name. */
  public Map<String, ProviderHealth> snapshot() {
    return new TreeMap<>(byProvider);
  }

  private void update(String provider, UnaryOperator<ProviderHealth> change) {
    byProvider.compute(
        provider, (name, old) -> change.apply(old == null ? ProviderHealth.unknown(name) : old));
  }
}
