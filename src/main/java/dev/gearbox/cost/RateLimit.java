package dev.gearbox.cost;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The limits of one key; an absent limit does not apply. */
public record RateLimit(
    OptionalLong requestsPerMinute, OptionalLong tokensPerMinute, OptionalInt maxConcurrent) {

  public static final RateLimit NONE =
      new RateLimit(OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty());

  public RateLimit {
    Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
    Objects.requireNonNull(tokensPerMinute, "tokensPerMinute");
    Objects.requireNonNull(maxConcurrent, "maxConcurrent");
    if (requestsPerMinute.orElse(1) < 1 || tokensPerMinute.orElse(1) < 1
        || maxConcurrent.orElse(1) < 1) {
      throw new IllegalArgumentException("rate limits are positive");
    }
  }

  public RateLimit withRequestsPerMinute(long limit) {
    return new RateLimit(OptionalLong.of(limit), tokensPerMinute, maxConcurrent);
  }

  public RateLimit withTokensPerMinute(long limit) {
    return new RateLimit(requestsPerMinute, OptionalLong.of(limit), maxConcurrent);
  }

  public RateLimit withMaxConcurrent(int limit) {
    return new RateLimit(requestsPerMinute, tokensPerMinute, OptionalInt.of(limit));
  }
}
