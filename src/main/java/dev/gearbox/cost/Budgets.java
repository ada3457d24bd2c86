package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-key and per-tenant spending limits, enforced before the upstream is called.
 *
 * <p>Admission reserves the request's worst-case cost (its estimate) against every budget that
 * applies; the real cost replaces the reservation when the call is done. Checking and reserving
 * happen under one lock, so concurrent requests can never together take committed spending
 * (spent plus reserved) past a hard limit, as long as no request costs more than its estimate.
 * Spending of the current periods is loaded from the ledger at start, so a restart keeps it.
 *
 * <p>The state lives in this process: replicas sharing a PostgreSQL ledger each enforce their
 * own view, so a budget shared by several replicas can be overrun by up to one estimate per
 * replica. Periods are UTC days and months from the injected clock.
 */
public final class Budgets {
  private final Clock clock;
  private final List<BudgetState> states;
  private final ReentrantLock lock = new ReentrantLock();

  private Budgets(Clock clock, List<BudgetState> states) {
    this.clock = clock;
    this.states = List.copyOf(states);
  }

  /** Budgets whose current-period spending is read from {@code history} now. */
  public static Budgets create(List<Budget> budgets, Clock clock, SpendHistory history) {
    Instant now = clock.instant();
    List<BudgetState> states = new ArrayList<>();
    for (Budget budget : budgets) {
      Instant start = budget.period().start(now);
      BigDecimal spent = history.spentUsd(budget.scope(), budget.subject(), start);
      states.add(new BudgetState(budget, start, spent));
    }
    return new Budgets(clock, states);
  }

  /** No budgets: every request is admitted. */
  public static Budgets none() {
    return new Budgets(Clock.systemUTC(), List.of());
  }

  /**
   * Admits a request that may cost up to {@code estimateUsd}, holding that amount against every
   * budget of the key and of its tenant.
   *
   * @throws GatewayException with {@link GatewayError.BudgetExceeded} when a hard budget would be
   *     exceeded; nothing is held then
   */
  public Reservation reserve(String keyId, String tenant, BigDecimal estimateUsd) {
    if (estimateUsd.signum() < 0) {
      throw new IllegalArgumentException("a cost estimate is never negative");
    }
    lock.lock();
    try {
      List<BudgetState> applicable = applicable(keyId, tenant);
      refuseOverHardLimit(applicable, estimateUsd);
      return hold(applicable, estimateUsd);
    } finally {
      lock.unlock();
    }
  }

  /** Replaces the reservation with the real cost. Later calls for it are ignored. */
  public void settle(Reservation reservation, BigDecimal actualUsd) {
    finish(reservation, Optional.of(actualUsd));
  }

  /** Gives the reservation back (the call failed and cost nothing). */
  public void release(Reservation reservation) {
    finish(reservation, Optional.empty());
  }

  /** Spent plus reserved in the budget's current period; zero for an unknown budget. */
  public BigDecimal committedUsd(Budget budget) {
    lock.lock();
    try {
      BigDecimal committed = BigDecimal.ZERO;
      for (BudgetState state : states) {
        if (state.budget.equals(budget)) {
          state.roll(clock.instant());
          committed = committed.add(state.committedUsd());
        }
      }
      return committed;
    } finally {
      lock.unlock();
    }
  }

  private List<BudgetState> applicable(String keyId, String tenant) {
    Instant now = clock.instant();
    List<BudgetState> applicable = new ArrayList<>();
    for (BudgetState state : states) {
      if (state.budget.appliesTo(keyId, tenant)) {
        state.roll(now);
        applicable.add(state);
      }
    }
    return applicable;
  }

  private static void refuseOverHardLimit(List<BudgetState> states, BigDecimal estimateUsd) {
    for (BudgetState state : states) {
      if (state.budget.enforcement() == Budget.Enforcement.HARD
          && state.wouldExceed(estimateUsd)) {
        throw new GatewayError.BudgetExceeded(refusal(state, estimateUsd)).toException();
      }
    }
  }

  private static Reservation hold(List<BudgetState> states, BigDecimal estimateUsd) {
    Map<BudgetState, Instant> heldIn = new HashMap<>();
    List<String> softExceeded = new ArrayList<>();
    for (BudgetState state : states) {
      if (state.wouldExceed(estimateUsd)) {
        softExceeded.add(state.budget.name());
      }
      state.reservedUsd = state.reservedUsd.add(estimateUsd);
      heldIn.put(state, state.periodStart);
    }
    return new Reservation(estimateUsd, heldIn, softExceeded);
  }

  private void finish(Reservation reservation, Optional<BigDecimal> actualUsd) {
    if (!reservation.finish()) {
      return;
    }
    lock.lock();
    try {
      Instant now = clock.instant();
      reservation.heldIn().forEach((state, periodStart) -> {
        state.roll(now);
        // A reservation from a period that has since ended was dropped with that period.
        if (state.periodStart.equals(periodStart)) {
          state.reservedUsd = state.reservedUsd.subtract(reservation.estimateUsd());
          actualUsd.ifPresent(actual -> state.spentUsd = state.spentUsd.add(actual));
        }
      });
    } finally {
      lock.unlock();
    }
  }

  private static String refusal(BudgetState state, BigDecimal estimateUsd) {
    BigDecimal limit = state.budget.limitUsd();
    int scale = Math.clamp(limit.scale(), 2, 6);
    String held =
        state.reservedUsd.signum() == 0
            ? ""
            : " (" + usd(state.reservedUsd, scale) + " of it held by requests in flight)";
    return "budget '" + state.budget.name() + "' of " + usd(limit, scale)
        + " would be exceeded: spent " + usd(state.committedUsd(), scale) + held
        + ", this request needs up to " + usd(estimateUsd, scale);
  }

  private static String usd(BigDecimal amount, int minScale) {
    int scale = Math.clamp(Math.max(minScale, amount.stripTrailingZeros().scale()), 2, 6);
    return "$" + amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }
}
