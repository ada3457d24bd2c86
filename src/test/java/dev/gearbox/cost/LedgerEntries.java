package dev.gearbox.cost;

import dev.gearbox.model.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Ledger entries for tests. */
final class LedgerEntries {
  private LedgerEntries() {}

  /** A served request of the given key, tenant, tier and costs. */
  static LedgerEntry served(
      String requestId, Instant time, String keyId, String tenant, String tier,
      String costUsd, String counterfactualUsd) {
    String model = tier.equals("frontier") ? "sim-frontier" : "sim-small";
    return LedgerEntry.builder(requestId, time, "auto")
        .key(keyId, tenant)
        .session(Optional.of("session-" + keyId), Optional.empty())
        .route(model, tier, "test")
        .cacheStatus(CacheStatus.MISS)
        .usage(Usage.upstream(100, 10))
        .cost(new BigDecimal(costUsd), new BigDecimal(counterfactualUsd))
        .latency(20, OptionalLong.of(15))
        .build();
  }
}
