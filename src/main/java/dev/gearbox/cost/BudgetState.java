package dev.gearbox.cost;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The running spend of one budget in its current period. Not thread-safe: {@link Budgets} guards
 * every instance with its lock.
 */
final class BudgetState {
  final Budget budget;
  Instant periodStart;
  BigDecimal spentUsd;
  BigDecimal reservedUsd = BigDecimal.ZERO;

  BudgetState(Budget budget, Instant periodStart, BigDecimal spentUsd) {
    this.budget = budget;
    this.periodStart = periodStart;
    this.spentUsd = spentUsd;
  }

  /** Starts a new period from zero when {@code now} is past the current one. */
  void roll(Instant now) {
    Instant current = budget.period().start(now);
    if (current.isAfter(periodStart)) {
      periodStart = current;
      spentUsd = BigDecimal.ZERO;
      reservedUsd = BigDecimal.ZERO;
    }
  }

  BigDecimal committedUsd() {
    return spentUsd.add(reservedUsd);
  }

  boolean wouldExceed(BigDecimal estimateUsd) {
    return committedUsd().add(estimateUsd).compareTo(budget.limitUsd()) > 0;
  }
}
