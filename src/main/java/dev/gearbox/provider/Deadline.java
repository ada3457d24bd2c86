package dev.gearbox.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The total time budget of one request, read from an injected clock so tests move time instead
 * of waiting. Every upstream attempt, backoff and stream read is capped by what remains.
 */
public record Deadline(Clock clock, Instant expiresAt) {

  public Deadline {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A budget of {@code budget} starting now. */
  public static Deadline after(Duration budget, Clock clock) {
    return new Deadline(clock, clock.instant().plus(budget));
  }

  /** Time left, never negative. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), expiresAt);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean expired() {
    return remaining().isZero();
  }

  /** {@code limit}, or less when the budget ends sooner. */
  public Duration cap(Duration limit) {
    Duration left = remaining();
    return left.compareTo(limit) < 0 ? left : limit;
  }

  /** Whether {@code wait} ends before the budget does. */
  public boolean allows(Duration wait) {
    return wait.compareTo(remaining()) < 0;
  }
}
