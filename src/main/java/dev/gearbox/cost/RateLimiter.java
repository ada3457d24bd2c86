package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key limits on requests per minute, tokens per minute and requests in flight. A request is
 * admitted only when every limit of its key allows it, and then charged to all of them at once;
 * a refusal charges none, so a request refused for its tokens does not use up a request slot.
 * Token limits charge the estimate on admission and correct it to the real count on release.
 *
 * <p>State is per process, unlike {@link Budgets}: replicas do not share it, so N replicas admit
 * up to N times each limit between them (README, "Budgets and rate limits across replicas").
 */
public final class RateLimiter {
  private final Map<String, RateLimit> limits;
  private final Clock clock;
  private final Map<String, KeyLimiter> keys = new ConcurrentHashMap<>();

  public RateLimiter(Map<String, RateLimit> limitsByKeyId, Clock clock) {
    this.limits = Map.copyOf(limitsByKeyId);
    this.clock = clock;
  }

  /** No limits: every request is admitted. */
  public static RateLimiter none() {
    return new RateLimiter(Map.of(), Clock.systemUTC());
  }

  /**
   * Admits one request of about {@code estimatedTokens} (prompt plus the most it may generate).
   *
   * @throws dev.gearbox.model.GatewayException with {@link GatewayError.RateLimited} (and when
   *     to retry) when any limit refuses; nothing is charged then
   */
  public Permit acquire(String keyId, long estimatedTokens) {
    if (estimatedTokens < 0) {
      throw new IllegalArgumentException("token estimates are never negative");
    }
    RateLimit limit = limits.get(keyId);
    if (limit == null || limit.equals(RateLimit.NONE)) {
      return Permit.unlimited();
    }
    KeyLimiter limiter = keys.computeIfAbsent(keyId, id -> new KeyLimiter(id, limit, clock));
    Optional<GatewayError.RateLimited> refusal = limiter.tryAcquire(estimatedTokens);
    if (refusal.isPresent()) {
      throw refusal.get().toException();
    }
    return new Permit(Optional.of(limiter), estimatedTokens);
  }
}
