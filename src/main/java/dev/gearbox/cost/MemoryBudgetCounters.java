package dev.gearbox.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Budget counters in this process, under one lock. Counters of the periods current at start are
 * loaded from the spend history; a later period starts from zero, and the counter of the period
 * it follows is dropped with whatever was still held in it.
 */
final class MemoryBudgetCounters implements BudgetCounters {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<CounterKey, CounterLevel> levels = new HashMap<>();

  MemoryBudgetCounters(List<Budget> budgets, Instant now, SpendHistory history) {
    for (Budget budget : budgets) {
      CounterKey counter = CounterKey.of(budget, now);
      levels.computeIfAbsent(counter, c -> new CounterLevel(
          history.spentUsd(c.scope(), c.subject(), c.periodStart()), BigDecimal.ZERO));
    }
  }

  @Override
  public Reservation reserve(List<Budget> applicable, BigDecimal estimateUsd, Instant now) {
    lock.lock();
    try {
      Map<Budget, CounterLevel> current = new LinkedHashMap<>();
      TreeSet<CounterKey> counters = new TreeSet<>();
      for (Budget budget : applicable) {
        CounterKey counter = CounterKey.of(budget, now);
        counters.add(counter);
        current.put(budget, current(counter));
      }
      List<String> softExceeded = BudgetCheck.admit(applicable, current, estimateUsd);
      counters.forEach(counter -> levels.put(counter, levels.get(counter).reserve(estimateUsd)));
      return new Reservation(estimateUsd, List.copyOf(counters), softExceeded);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void finish(Reservation reservation, BigDecimal actualUsd) {
    lock.lock();
    try {
      for (CounterKey counter : reservation.counters()) {
        levels.computeIfPresent(
            counter, (c, level) -> level.finish(reservation.estimateUsd(), actualUsd));
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CounterLevel level(CounterKey counter, Instant now) {
    lock.lock();
    try {
      return levels.getOrDefault(counter, CounterLevel.ZERO);
    } finally {
      lock.unlock();
    }
  }

  /** The counter's level, starting it (and dropping its previous period) when it is new. */
  private CounterLevel current(CounterKey counter) {
    CounterLevel level = levels.get(counter);
    if (level != null) {
      return level;
    }
    levels.keySet().removeIf(older -> older.precedes(counter));
    levels.put(counter, CounterLevel.ZERO);
    return CounterLevel.ZERO;
  }
}
