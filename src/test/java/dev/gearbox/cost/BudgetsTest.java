package dev.gearbox.cost;

import dev.gearbox.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BudgetsTest {
  private static final Instant NOW = Instant.parse("2026-12-03T23:59:00Z");
  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void hardBudget_refusesWithAClearMessageAndHoldsNothing() {
    Budget daily = hard(Budget.Scope.TENANT, "acme", Budget.Period.DAY, "0.010");
    Budgets budgets = Budgets.create(List.of(daily), clock, SpendHistory.none());
    budgets.settle(budgets.reserve("k1", "acme", usd("0.008")), usd("0.008"));

    assertThatThrownBy(() -> budgets.reserve("k1", "acme", usd("0.004")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error()).isInstanceOf(GatewayError.BudgetExceeded.class);
          assertThat(e.error().httpStatus()).isEqualTo(402);
          assertThat(e.getMessage()).isEqualTo("budget 'tenant acme daily' of $0.010 would be "
              + "exceeded: spent $0.008, this request needs up to $0.004");
        });
    assertThat(budgets.committedUsd(daily)).isEqualByComparingTo("0.008");
  }

  @Test
  void keyBudgetRace_eightThreadsAdmitOnlyTwo() throws Exception {
    Budget budget = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0.010");

    assertThat(race(budget, "k1", "acme")).isEqualTo(2);
  }

  @Test
  void tenantBudgetRace_eightThreadsOnDifferentKeysAdmitOnlyTwo() throws Exception {
    Budget budget = hard(Budget.Scope.TENANT, "acme", Budget.Period.MONTH, "0.010");

    assertThat(race(budget, "key-of-thread-", "acme")).isEqualTo(2);
  }

  @Test
  void refusalByTenantBudget_takesNothingFromKeyBudget() {
    Budget key = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "1");
    Budget tenant = hard(Budget.Scope.TENANT, "acme", Budget.Period.DAY, "0.001");
    Budgets budgets = Budgets.create(List.of(key, tenant), clock, SpendHistory.none());

    assertThatThrownBy(() -> budgets.reserve("k1", "acme", usd("0.002")))
        .isInstanceOf(GatewayException.class);
    assertThat(budgets.committedUsd(key)).isZero();
  }

  @Test
  void softBudget_admitsAndFlags() {
    Budget soft = new Budget(Budget.Scope.KEY, "k1", Budget.Period.TOTAL, usd("0.005"),
        Budget.Enforcement.SOFT);
    Budgets budgets = Budgets.create(List.of(soft), clock, SpendHistory.none());

    Reservation within = budgets.reserve("k1", "acme", usd("0.004"));
    Reservation over = budgets.reserve("k1", "acme", usd("0.004"));

    assertThat(within.overSoftBudget()).isFalse();
    assertThat(over.overSoftBudget()).isTrue();
    assertThat(over.softBudgetsExceeded()).containsExactly("key k1 total");
  }

  @Test
  void settle_replacesTheEstimateWithTheRealCost() {
    Budget budget = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0.010");
    Budgets budgets = Budgets.create(List.of(budget), clock, SpendHistory.none());

    Reservation first = budgets.reserve("k1", "acme", usd("0.008"));
    budgets.settle(first, usd("0.001"));
    budgets.settle(first, usd("0.005"));

    assertThat(budgets.committedUsd(budget)).isEqualByComparingTo("0.001");
    budgets.reserve("k1", "acme", usd("0.009"));
  }

  @Test
  void release_givesTheReservationBack() {
    Budget budget = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0.010");
    Budgets budgets = Budgets.create(List.of(budget), clock, SpendHistory.none());

    budgets.release(budgets.reserve("k1", "acme", usd("0.010")));

    assertThat(budgets.committedUsd(budget)).isZero();
    budgets.reserve("k1", "acme", usd("0.010"));
  }

  @Test
  void newUtcDay_startsTheDailyBudgetAfreshButNotTheMonthly() {
    Budget daily = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0.010");
    Budget monthly = hard(Budget.Scope.KEY, "k1", Budget.Period.MONTH, "1");
    Budgets budgets = Budgets.create(List.of(daily, monthly), clock, SpendHistory.none());
    budgets.settle(budgets.reserve("k1", "acme", usd("0.010")), usd("0.010"));

    clock.advance(Duration.ofMinutes(2));

    assertThat(budgets.committedUsd(daily)).isZero();
    assertThat(budgets.committedUsd(monthly)).isEqualByComparingTo("0.010");
    budgets.reserve("k1", "acme", usd("0.010"));
  }

  @Test
  void startup_loadsCurrentPeriodSpendFromHistory() {
    Budget daily = hard(Budget.Scope.TENANT, "acme", Budget.Period.DAY, "0.010");
    Instant dayStart = Instant.parse("2026-12-03T00:00:00Z");
    SpendHistory history = (scope, subject, since) ->
        scope == Budget.Scope.TENANT && subject.equals("acme") && since.equals(dayStart)
            ? usd("0.009") : BigDecimal.ZERO;

    Budgets budgets = Budgets.create(List.of(daily), clock, history);

    assertThatThrownBy(() -> budgets.reserve("k1", "acme", usd("0.002")))
        .hasMessageContaining("spent $0.009");
  }

  @Test
  void otherKeysAndTenants_areNotLimited() {
    Budget budget = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0");
    Budgets budgets = Budgets.create(List.of(budget), clock, SpendHistory.none());

    assertThat(budgets.reserve("k2", "other", usd("5")).overSoftBudget()).isFalse();
  }

  /** Eight threads each try to reserve $0.004 at once; returns how many were admitted. */
  private int race(Budget budget, String keyPrefix, String tenant) throws InterruptedException {
    Budgets budgets = Budgets.create(List.of(budget), clock, SpendHistory.none());
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String key = keyPrefix.endsWith("-") ? keyPrefix + i : keyPrefix;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          Reservation r = budgets.reserve(key, tenant, usd("0.004"));
          admitted.incrementAndGet();
          budgets.settle(r, usd("0.004"));
        } catch (GatewayException refused) {
          if (!(refused.error() instanceof GatewayError.BudgetExceeded)) {
            unexpected.add(refused);
          }
        } catch (Throwable e) {
          unexpected.add(e);
        }
      }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(unexpected).isEmpty();
    assertThat(budgets.committedUsd(budget)).isLessThanOrEqualTo(usd("0.010"));
    return admitted.get();
  }

  private static Budget hard(Budget.Scope scope, String subject, Budget.Period period,
      String limit) {
    return new Budget(scope, subject, period, usd(limit), Budget.Enforcement.HARD);
  }

  private static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }
}
