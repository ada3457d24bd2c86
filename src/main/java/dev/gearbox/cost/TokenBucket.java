package dev.gearbox.cost;

/**
 * A per-minute allowance that refills continuously (a token bucket of {@code perMinute} capacity
 * refilled at {@code perMinute} per minute), so a burst of a full minute's allowance is allowed
 * and the long-run rate is the limit. Levels are kept in units of 1/60,000 so that refills per
 * millisecond are whole numbers. Not thread-safe: its owner locks.
 */
final class TokenBucket {
  private static final long MS_PER_MINUTE = 60_000;

  private final long perMinute;
  private final long capacityScaled;
  private long levelScaled;
  private long lastRefillMs;

  /** A full bucket. */
  TokenBucket(long perMinute, long nowMs) {
    this(perMinute, Long.MAX_VALUE, nowMs);
  }

  /** A bucket restored from its stored level (above the capacity: full). */
  TokenBucket(long perMinute, long levelScaled, long lastRefillMs) {
    this.perMinute = perMinute;
    this.capacityScaled = Math.multiplyExact(perMinute, MS_PER_MINUTE);
    this.levelScaled = Math.min(capacityScaled, levelScaled);
    this.lastRefillMs = lastRefillMs;
  }

  long perMinute() {
    return perMinute;
  }

  /** The level in 1/60,000 units, to be stored. */
  long levelScaled() {
    return levelScaled;
  }

  long lastRefillMs() {
    return lastRefillMs;
  }

  /**
   * Milliseconds until {@code amount} could be taken (0 when it can be now). An amount above the
   * capacity needs a full bucket, and then drives the level below zero when taken.
   */
  long waitMs(long amount, long nowMs) {
    refill(nowMs);
    long needed = Math.multiplyExact(Math.min(amount, perMinute), MS_PER_MINUTE);
    long deficit = needed - levelScaled;
    return deficit <= 0 ? 0 : Math.ceilDiv(deficit, perMinute);
  }

  void take(long amount) {
    levelScaled -= Math.multiplyExact(amount, MS_PER_MINUTE);
  }

  /** Gives back (positive) or takes more (negative) once the real amount is known. */
  void adjust(long refund, long nowMs) {
    refill(nowMs);
    levelScaled = Math.min(capacityScaled, levelScaled + Math.multiplyExact(refund, MS_PER_MINUTE));
  }

  private void refill(long nowMs) {
    long elapsedMs = Math.max(0, nowMs - lastRefillMs);
    lastRefillMs = Math.max(lastRefillMs, nowMs);
    long added = elapsedMs >= MS_PER_MINUTE ? capacityScaled : elapsedMs * perMinute;
    levelScaled = Math.min(capacityScaled, levelScaled + added);
  }
}
