package dev.gearbox.cost;

import java.util.Optional;

/** A key's buckets in this process. Not thread-safe: its {@link KeyLimiter} locks. */
final class MemoryRateBuckets implements RateBuckets {
  private final Optional<TokenBucket> requests;
  private final Optional<TokenBucket> tokens;

  MemoryRateBuckets(RateLimit limit, long nowMs) {
    this.requests = RateBuckets.bucket(limit.requestsPerMinute(), nowMs);
    this.tokens = RateBuckets.bucket(limit.tokensPerMinute(), nowMs);
  }

  @Override
  public Optional<Shortfall> take(long estimatedTokens, long nowMs) {
    return RateBuckets.takeFrom(requests, tokens, estimatedTokens, nowMs);
  }

  @Override
  public void adjustTokens(long refund, long nowMs) {
    tokens.ifPresent(bucket -> bucket.adjust(refund, nowMs));
  }

  @Override
  public boolean countsTokens() {
    return tokens.isPresent();
  }
}
