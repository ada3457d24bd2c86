package dev.gearbox.cost;

import java.math.BigDecimal;
import java.time.Instant;

/** What a key or tenant has already spent, so budgets survive a restart. */
public interface SpendHistory {

  /** Spending of {@code subject} (a key id or tenant, per {@code scope}) since {@code since}. */
  BigDecimal spentUsd(Budget.Scope scope, String subject, Instant since);

  /** No history: every budget starts from zero. */
  static SpendHistory none() {
    return (scope, subject, since) -> BigDecimal.ZERO;
  }
}
