package dev.gearbox.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Money held against budgets for one request between admission and its real cost being known.
 * Settle it with the real cost once the call is done, or release it when the call failed; only
 * the first of those counts.
 */
public final class Reservation {
  private final BigDecimal estimateUsd;
  private final Map<BudgetState, Instant> heldIn;
  private final List<String> softBudgetsExceeded;
  private final AtomicBoolean finished = new AtomicBoolean();

  Reservation(
      BigDecimal estimateUsd, Map<BudgetState, Instant> heldIn, List<String> softExceeded) {
    this.estimateUsd = estimateUsd;
    this.heldIn = Map.copyOf(heldIn);
    this.softBudgetsExceeded = List.copyOf(softExceeded);
  }

  public BigDecimal estimateUsd() {
    return estimateUsd;
  }

  /** Whether the request was admitted over at least one soft budget (to be flagged). */
  public boolean overSoftBudget() {
    return !softBudgetsExceeded.isEmpty();
  }

  /** The names of the soft budgets this request goes over ({@code key k1 daily}). */
  public List<String> softBudgetsExceeded() {
    return softBudgetsExceeded;
  }

  Map<BudgetState, Instant> heldIn() {
    return heldIn;
  }

  /** True the first time only. */
  boolean finish() {
    return finished.compareAndSet(false, true);
  }
}
