package dev.gearbox.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Where the spending counters of {@link Budgets} live: this process's memory, or a database that
 * several gateway processes share. Each implementation reads the levels of a request's counters,
 * decides with {@link BudgetCheck} and holds the estimate as one atomic step.
 */
interface BudgetCounters {

  /**
   * Checks {@code applicable} (never empty) at {@code now} and holds the estimate in each of their
   * counters, or holds nothing and throws the refusal.
   */
  Reservation reserve(List<Budget> applicable, BigDecimal estimateUsd, Instant now);

  /**
   * Ends a reservation: its hold is dropped and {@code actualUsd} (zero for a release) is added to
   * the counters of the periods it was held in.
   */
  void finish(Reservation reservation, BigDecimal actualUsd);

  /** Spent and held in the counter; zero for a counter nothing was ever charged to. */
  CounterLevel level(CounterKey counter, Instant now);
}
