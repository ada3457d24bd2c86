package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rate-limit state of one key. Every limit is checked before any is charged, under one lock,
 * so a request refused by one limit takes nothing from the others. The per-minute buckets are
 * this process's or shared through the database ({@link RateBuckets}); requests in flight are
 * counted in this process.
 */
final class KeyLimiter {
  private static final long MS_PER_SECOND = 1_000;

  private final String keyId;
  private final RateLimit limit;
  private final Clock clock;
  private final RateBuckets buckets;
  private final ReentrantLock lock = new ReentrantLock();
  private int inFlight;

  KeyLimiter(String keyId, RateLimit limit, Clock clock, RateBuckets buckets) {
    this.keyId = keyId;
    this.limit = limit;
    this.clock = clock;
    this.buckets = buckets;
  }

  /** Admits the request and charges every limit, or returns the refusal and charges none. */
  Optional<GatewayError.RateLimited> tryAcquire(long estimatedTokens) {
    lock.lock();
    try {
      if (limit.maxConcurrent().isPresent() && inFlight >= limit.maxConcurrent().getAsInt()) {
        return Optional.of(refused(limit.maxConcurrent().getAsInt() + " concurrent requests", 1));
      }
      Optional<GatewayError.RateLimited> refusal = buckets.take(estimatedTokens, clock.millis())
          .map(shortfall -> refused(shortfall.limitText(), shortfall.waitMs()));
      if (refusal.isEmpty()) {
        inFlight++;
      }
      return refusal;
    } finally {
      lock.unlock();
    }
  }

  /** Ends a request: frees its concurrency slot and corrects its token charge. */
  void release(long estimatedTokens, long actualTokens) {
    lock.lock();
    try {
      inFlight--;
      if (buckets.countsTokens() && estimatedTokens != actualTokens) {
        buckets.adjustTokens(estimatedTokens - actualTokens, clock.millis());
      }
    } finally {
      lock.unlock();
    }
  }

  private GatewayError.RateLimited refused(String limitText, long waitMs) {
    long retryAfterSeconds = Math.max(1, Math.ceilDiv(waitMs, MS_PER_SECOND));
    String message = "rate limit of " + limitText + " for key '" + keyId
        + "' reached; retry after " + retryAfterSeconds + " s";
    return new GatewayError.RateLimited(message, retryAfterSeconds);
  }
}
