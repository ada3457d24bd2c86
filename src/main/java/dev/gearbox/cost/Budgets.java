package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import dev.gearbox.store.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Per-key and per-tenant spending limits, enforced before the upstream is called.
 *
 * <p>Admission reserves the request's worst-case cost (its estimate) against every budget that
 * applies; the real cost replaces the reservation when the call is done. Checking and reserving
 * are one atomic step over all of the request's budgets, so concurrent requests can never
 * together take committed spending (spent plus reserved) past a hard limit, as long as no request
 * costs more than its estimate. Periods are UTC days and months from the injected clock.
 *
 * <p>Where that step happens decides what it covers. {@link #shared} keeps the counters in the
 * database: every process on that database (replicas on one PostgreSQL, or processes on one
 * SQLite file) checks and reserves under the same row locks, so the guarantee holds across all
 * of them, and a restart keeps both spending and reservations; a reservation of a process that
 * died mid-call stops counting when it expires. {@link #create} keeps them in this process, with
 * the current periods' spending loaded from the ledger at start: there the guarantee covers only
 * this process, and each process sharing the ledger could spend a budget in full.
 */
public final class Budgets {
  private final Clock clock;
  private final List<Budget> budgets;
  private final BudgetCounters counters;

  private Budgets(Clock clock, List<Budget> budgets, BudgetCounters counters) {
    this.clock = clock;
    this.budgets = List.copyOf(budgets);
    this.counters = counters;
  }

  /** Budgets counted in this process; current-period spending is read from {@code history} now. */
  public static Budgets create(List<Budget> budgets, Clock clock, SpendHistory history) {
    return new Budgets(
        clock, budgets, new MemoryBudgetCounters(budgets, clock.instant(), history));
  }

  /**
   * Budgets counted in {@code database}, shared with every process that uses it. A counter starts
   * from the ledger's spending in its period when its period's first request arrives.
   *
   * @param reservationTtl how long a reservation counts when it is never settled; longer than
   *     the longest call
   */
  public static Budgets shared(
      List<Budget> budgets, Clock clock, Database database, Duration reservationTtl) {
    return new Budgets(clock, budgets, new SqlBudgetCounters(database, reservationTtl));
  }

  /** No budgets: every request is admitted. */
  public static Budgets none() {
    return create(List.of(), Clock.systemUTC(), SpendHistory.none());
  }

  /**
   * Admits a request that may cost up to {@code estimateUsd}, holding that amount against every
   * budget of the key and of its tenant.
   *
   * @throws dev.gearbox.model.GatewayException with {@link GatewayError.BudgetExceeded} when a
   *     hard budget would be exceeded, or {@link GatewayError.Internal} when shared counters
   *     cannot be reached; nothing is held then
   */
  public Reservation reserve(String keyId, String tenant, BigDecimal estimateUsd) {
    if (estimateUsd.signum() < 0) {
      throw new IllegalArgumentException("a cost estimate is never negative");
    }
    List<Budget> applicable =
        budgets.stream().filter(budget -> budget.appliesTo(keyId, tenant)).toList();
    if (applicable.isEmpty()) {
      return Reservation.unbudgeted(estimateUsd);
    }
    return counters.reserve(applicable, estimateUsd, clock.instant());
  }

  /** Replaces the reservation with the real cost. Later calls for it are ignored. */
  public void settle(Reservation reservation, BigDecimal actualUsd) {
    if (actualUsd.signum() < 0) {
      throw new IllegalArgumentException("a cost is never negative");
    }
    finish(reservation, actualUsd);
  }

  /** Gives the reservation back (the call failed and cost nothing). */
  public void release(Reservation reservation) {
    finish(reservation, BigDecimal.ZERO);
  }

  /** Spent plus reserved in the budget's current period. */
  public BigDecimal committedUsd(Budget budget) {
    Instant now = clock.instant();
    return counters.level(CounterKey.of(budget, now), now).committedUsd();
  }

  private void finish(Reservation reservation, BigDecimal actualUsd) {
    if (reservation.finish() && !reservation.counters().isEmpty()) {
      counters.finish(reservation, actualUsd);
    }
  }
}
