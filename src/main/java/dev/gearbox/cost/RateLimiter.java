package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import dev.gearbox.store.Database;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Per-key limits on requests per minute, tokens per minute and requests in flight. A request is
 * admitted only when every limit of its key allows it, and then charged to all of them at once;
 * a refusal charges none, so a request refused for its tokens does not use up a request slot.
 * Token limits charge the estimate on admission and correct it to the real count on release.
 *
 * <p>{@link #shared} keeps the requests- and tokens-per-minute buckets in the database, so every
 * process on it admits a key's traffic from the same buckets; the count of requests in flight
 * ({@code max_concurrent}) is always per process, so N replicas admit up to N times that many.
 * The public constructor keeps everything in this process.
 */
public final class RateLimiter {
  private final Map<String, RateLimit> limits;
  private final Clock clock;
  private final BiFunction<String, RateLimit, RateBuckets> buckets;
  private final Map<String, KeyLimiter> keys = new ConcurrentHashMap<>();

  /** Limits counted in this process alone. */
  public RateLimiter(Map<String, RateLimit> limitsByKeyId, Clock clock) {
    this(limitsByKeyId, clock, (keyId, limit) -> new MemoryRateBuckets(limit, clock.millis()));
  }

  private RateLimiter(Map<String, RateLimit> limitsByKeyId, Clock clock,
      BiFunction<String, RateLimit, RateBuckets> buckets) {
    this.limits = Map.copyOf(limitsByKeyId);
    this.clock = clock;
    this.buckets = buckets;
  }

  /**
   * Limits whose per-minute buckets are in {@code database}, shared with every process that uses
   * it; requests in flight are still counted per process.
   */
  public static RateLimiter shared(
      Map<String, RateLimit> limitsByKeyId, Clock clock, Database database) {
    return new RateLimiter(limitsByKeyId, clock,
        (keyId, limit) -> new SqlRateBuckets(database, keyId, limit));
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
    KeyLimiter limiter = keys.computeIfAbsent(keyId,
        id -> new KeyLimiter(id, limit, clock, buckets.apply(id, limit)));
    Optional<GatewayError.RateLimited> refusal = limiter.tryAcquire(estimatedTokens);
    if (refusal.isPresent()) {
      throw refusal.get().toException();
    }
    return new Permit(Optional.of(limiter), estimatedTokens);
  }
}
