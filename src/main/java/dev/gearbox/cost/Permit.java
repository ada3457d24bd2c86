package dev.gearbox.cost;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A rate-limit admission. Closing it frees the concurrency slot; {@link #settle} first corrects
 * the token charge from the estimate to the real count. Closing twice has no further effect.
 */
public final class Permit implements AutoCloseable {
  private static final Permit UNLIMITED = new Permit(Optional.empty(), 0);

  private final Optional<KeyLimiter> limiter;
  private final long estimatedTokens;
  private volatile long actualTokens;
  private final AtomicBoolean closed = new AtomicBoolean();

  Permit(Optional<KeyLimiter> limiter, long estimatedTokens) {
    this.limiter = limiter;
    this.estimatedTokens = estimatedTokens;
    this.actualTokens = estimatedTokens;
  }

  /** A permit of a key without limits. */
  static Permit unlimited() {
    return UNLIMITED;
  }

  /** Records the real token count of the request; applied when the permit closes. */
  public void settle(long actualTokens) {
    if (actualTokens < 0) {
      throw new IllegalArgumentException("token counts are never negative");
    }
    this.actualTokens = actualTokens;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      limiter.ifPresent(l -> l.release(estimatedTokens, actualTokens));
    }
  }
}
