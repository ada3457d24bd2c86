package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rate-limit state of one key. Every limit is checked before any is charged, under one lock,
 * so a request refused by one limit takes nothing from the others.
 */
final class KeyLimiter {
  private static final long MS_PER_SECOND = 1_000;

  private final String keyId;
  private final RateLimit limit;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Optional<TokenBucket> requests;
  private final Optional<TokenBucket> tokens;
  private int inFlight;

  KeyLimiter(String keyId, RateLimit limit, Clock clock) {
    this.keyId = keyId;
    this.limit = limit;
    this.clock = clock;
    long nowMs = clock.millis();
    this.requests = bucket(limit.requestsPerMinute(), nowMs);
    this.tokens = bucket(limit.tokensPerMinute(), nowMs);
  }

  /** Admits the request and charges every limit, or returns the refusal and charges none. */
  Optional<GatewayError.RateLimited> tryAcquire(long estimatedTokens) {
    lock.lock();
    try {
      long nowMs = clock.millis();
      Optional<GatewayError.RateLimited> refusal = refusal(estimatedTokens, nowMs);
      if (refusal.isEmpty()) {
        inFlight++;
        requests.ifPresent(bucket -> bucket.take(1));
        tokens.ifPresent(bucket -> bucket.take(estimatedTokens));
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
      long nowMs = clock.millis();
      tokens.ifPresent(bucket -> bucket.adjust(estimatedTokens - actualTokens, nowMs));
    } finally {
      lock.unlock();
    }
  }

  private Optional<GatewayError.RateLimited> refusal(long estimatedTokens, long nowMs) {
    if (limit.maxConcurrent().isPresent() && inFlight >= limit.maxConcurrent().getAsInt()) {
      return Optional.of(refused(limit.maxConcurrent().getAsInt() + " concurrent requests", 1));
    }
    if (requests.isPresent()) {
      long waitMs = requests.get().waitMs(1, nowMs);
      if (waitMs > 0) {
        return Optional.of(refused(requests.get().perMinute() + " requests per minute", waitMs));
      }
    }
    if (tokens.isPresent()) {
      long waitMs = tokens.get().waitMs(estimatedTokens, nowMs);
      if (waitMs > 0) {
        String what = tokens.get().perMinute() + " tokens per minute (this request needs about "
            + estimatedTokens + ")";
        return Optional.of(refused(what, waitMs));
      }
    }
    return Optional.empty();
  }

  private GatewayError.RateLimited refused(String limitText, long waitMs) {
    long retryAfterSeconds = Math.max(1, Math.ceilDiv(waitMs, MS_PER_SECOND));
    String message = "rate limit of " + limitText + " for key '" + keyId
        + "' reached; retry after " + retryAfterSeconds + " s";
    return new GatewayError.RateLimited(message, retryAfterSeconds);
  }

  private static Optional<TokenBucket> bucket(OptionalLong perMinute, long nowMs) {
    return perMinute.isPresent()
        ? Optional.of(new TokenBucket(perMinute.getAsLong(), nowMs))
        : Optional.empty();
  }
}
