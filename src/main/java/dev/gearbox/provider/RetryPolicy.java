package dev.gearbox.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retrying the same model: exponential backoff with jitter. The number
 * of retries is per provider ({@link ProviderSpec#maxRetries()}); an upstream's Retry-After,
 * when it sent one, replaces the computed backoff.
 *
 * <p>Jitter spreads the retries of many requests that failed together (a provider restart)
 * so they do not return in one wave: each wait is drawn from {@code [backoff * (1 - jitter),
 * backoff]}.
 */
public record RetryPolicy(
    Duration initialBackoff, Duration maxBackoff, double jitter, RandomGenerator random) {

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(random, "random");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter is a fraction between 0 and 1");
    }
  }

  /** 250 ms doubling up to 4 s, half of it jittered. */
  public static RetryPolicy standard(RandomGenerator random) {
    return new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(4), 0.5, random);
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration backoff(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries are numbered from 1");
    }
    long initialMs = initialBackoff.toMillis();
    long ceilingMs = Math.min(maxBackoff.toMillis(), initialMs << Math.min(retry - 1, 20));
    long jitterMs = (long) (ceilingMs * jitter * random.nextDouble());
    return Duration.ofMillis(ceilingMs - jitterMs);
  }
}
