package dev.gearbox.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Money held against budgets for one request between admission and its real cost being known.
 * Settle it with the real cost once the call is done, or release it when the call failed; only
 * the first of those counts.
 */
public final class Reservation {
  private final String id;
  private final BigDecimal estimateUsd;
  private final List<CounterKey> counters;
  private final List<String> softBudgetsExceeded;
  private final AtomicBoolean finished = new AtomicBoolean();

  Reservation(BigDecimal estimateUsd, List<CounterKey> counters, List<String> softExceeded) {
    this.id = UUID.randomUUID().toString();
    this.estimateUsd = estimateUsd;
    this.counters = List.copyOf(counters);
    this.softBudgetsExceeded = List.copyOf(softExceeded);
  }

  /** A reservation that holds nothing: no budget applies to the request. */
  static Reservation unbudgeted(BigDecimal estimateUsd) {
    return new Reservation(estimateUsd, List.of(), List.of());
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

  /** Identifies the reservation's rows where counters are shared. */
  String id() {
    return id;
  }

  /** The counters the estimate is held in, in {@link CounterKey} order. */
  List<CounterKey> counters() {
    return counters;
  }

  /** True the first time only. */
  boolean finish() {
    return finished.compareAndSet(false, true);
  }
}
