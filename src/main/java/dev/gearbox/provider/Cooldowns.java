package dev.gearbox.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which models failed several times in a row just now. While an upstream is down, every request
 * would otherwise spend its connect or attempt timeout and retries on it before falling back;
 * a model in cooldown is passed over while a later candidate can take the request, and tried
 * again once the cooldown has passed (one success ends it; another failure starts it anew).
 *
 * <p>Only failures that say something about the upstream count, as on the {@link HealthBoard}:
 * 429, 5xx, timeouts, broken connections, a refused key or spent account. A request refused as
 * invalid, or too long for the window, shows the upstream up and answering.
 */
public final class Cooldowns {
  /** Failures in a row after which a model cools down. */
  static final int FAILURES_IN_A_ROW = 3;

  private final Duration cooldown;
  private final Clock clock;
  private final ConcurrentMap<String, Streak> byModel = new ConcurrentHashMap<>();

  /**
   * @param cooldown how long a failing model is passed over; zero turns cooldowns off
   */
  public Cooldowns(Duration cooldown, Clock clock) {
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("a cooldown cannot be negative");
    }
    this.cooldown = cooldown;
    this.clock = clock;
  }

  /** No model ever cools down. */
  public static Cooldowns off(Clock clock) {
    return new Cooldowns(Duration.ZERO, clock);
  }

  void record(Attempt attempt) {
    switch (attempt.outcome().health()) {
      case ANSWERED -> byModel.remove(attempt.modelAlias());
      case FAILED ->
          byModel.merge(
              attempt.modelAlias(),
              new Streak(1, clock.instant()),
              (old, fresh) -> new Streak(old.failures() + 1, fresh.lastFailure()));
      case SILENT -> {
        // nothing to learn about the upstream
      }
    }
  }

  /** How much longer {@code modelAlias} is passed over; empty when it is not. */
  Optional<Duration> remaining(String modelAlias) {
    Streak streak = byModel.get(modelAlias);
    if (cooldown.isZero() || streak == null || streak.failures() < FAILURES_IN_A_ROW) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), streak.lastFailure().plus(cooldown));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** Failures in a row and when the last one was. */
  private record Streak(int failures, Instant lastFailure) {}
}
