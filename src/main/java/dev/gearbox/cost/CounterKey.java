package dev.gearbox.cost;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * One budget counter: the spending of a key or tenant over one period. Budgets of the same
 * scope, subject and period (two limits on one key's day, say) share a counter, so a request is
 * held once in it however many of them apply.
 */
record CounterKey(Budget.Scope scope, String subject, Budget.Period period, Instant periodStart)
    implements Comparable<CounterKey> {

  /** The order every holder of several counters takes them in, so that none waits in a cycle. */
  private static final Comparator<CounterKey> ORDER =
      Comparator.comparing(CounterKey::scope)
          .thenComparing(CounterKey::subject)
          .thenComparing(CounterKey::period)
          .thenComparing(CounterKey::periodStart);

  CounterKey {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(periodStart, "periodStart");
  }

  /** The counter {@code budget} charges at {@code now}. */
  static CounterKey of(Budget budget, Instant now) {
    return new CounterKey(
        budget.scope(), budget.subject(), budget.period(), budget.period().start(now));
  }

  /** The same counter in another period: whether this one is the older. */
  boolean precedes(CounterKey other) {
    return scope == other.scope && subject.equals(other.subject) && period == other.period
        && periodStart.isBefore(other.periodStart);
  }

  String scopeName() {
    return scope.name().toLowerCase(Locale.ROOT);
  }

  String periodName() {
    return period.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public int compareTo(CounterKey other) {
    return ORDER.compare(this, other);
  }
}
