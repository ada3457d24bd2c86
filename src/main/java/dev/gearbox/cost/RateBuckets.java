package dev.gearbox.cost;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The per-minute buckets of one key (requests and tokens, either absent when not limited). Each
 * admission takes one request and the estimated tokens from both, or from neither; the token
 * charge is corrected when the real count is known.
 */
interface RateBuckets {

  /** What refused a request: the limit in words and how long until it would be admitted. */
  record Shortfall(String limitText, long waitMs) {}

  /** Takes the request from every bucket, or returns what refused it and takes nothing. */
  Optional<Shortfall> take(long estimatedTokens, long nowMs);

  /** Gives back (positive) or takes more (negative) tokens once the real count is known. */
  void adjustTokens(long refund, long nowMs);

  /** Whether there is a token bucket to correct. */
  boolean countsTokens();

  /** The admission decision over a pair of buckets; the caller guards them. */
  static Optional<Shortfall> takeFrom(Optional<TokenBucket> requests,
      Optional<TokenBucket> tokens, long estimatedTokens, long nowMs) {
    if (requests.isPresent()) {
      long waitMs = requests.get().waitMs(1, nowMs);
      if (waitMs > 0) {
        return Optional.of(
            new Shortfall(requests.get().perMinute() + " requests per minute", waitMs));
      }
    }
    if (tokens.isPresent()) {
      long waitMs = tokens.get().waitMs(estimatedTokens, nowMs);
      if (waitMs > 0) {
        return Optional.of(new Shortfall(tokens.get().perMinute()
            + " tokens per minute (this request needs about " + estimatedTokens + ")", waitMs));
      }
    }
    requests.ifPresent(bucket -> bucket.take(1));
    tokens.ifPresent(bucket -> bucket.take(estimatedTokens));
    return Optional.empty();
  }

  /** A full bucket of {@code perMinute}, or none when there is no such limit. */
  static Optional<TokenBucket> bucket(OptionalLong perMinute, long nowMs) {
    return perMinute.isPresent()
        ? Optional.of(new TokenBucket(perMinute.getAsLong(), nowMs))
        : Optional.empty();
  }
}
