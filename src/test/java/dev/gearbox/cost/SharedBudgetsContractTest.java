package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.store.Database;
import dev.gearbox.testing.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Budgets shared through a database, with two {@link Budgets} instances on two connection pools
 * of the same database standing in for two gateway replicas. Run on SQLite (one file) and
 * PostgreSQL (one schema) by the subclasses.
 */
abstract class SharedBudgetsContractTest {
  static final Instant NOW = Instant.parse("2026-12-03T23:50:00Z");
  static final Duration TTL = Duration.ofMinutes(6);

  final MutableClock clock = new MutableClock(NOW);
  final List<Database> opened = new ArrayList<>();

  /** Opens one more pool on the test's database (the first call creates the database). */
  abstract Database openReplicaDatabase();

  /** Drops what {@link #openReplicaDatabase()} made, after every pool is closed. */
  void cleanUp() {}

  @BeforeEach
  void first() {
    replica();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(Database::close);
    cleanUp();
  }

  @Test
  void twoReplicasHammering_neverTogetherPassAHardLimit() throws Exception {
    Budget tenant = hard(Budget.Scope.TENANT, "acme", Budget.Period.DAY, "0.200");
    Budget key = hard(Budget.Scope.KEY, "k1", Budget.Period.MONTH, "0.150");
    List<Budget> config = List.of(tenant, key);
    Budgets a = Budgets.shared(config, clock, opened.getFirst(), TTL);
    Budgets b = Budgets.shared(config, clock, replica(), TTL);
    long limitPico = Money.toPicoUsd(usd("0.200"));
    long estimatePico = Money.toPicoUsd(usd("0.004"));
    AtomicLong committedSeen = new AtomicLong();
    AtomicLong spentPico = new AtomicLong();
    AtomicLong keySpentPico = new AtomicLong();
    AtomicLong worstSeen = new AtomicLong();
    AtomicInteger admitted = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 12; t++) {
      Budgets replica = t % 2 == 0 ? a : b;
      String keyId = t % 3 == 0 ? "k1" : "k" + t;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          for (int i = 0; i < 40; i++) {
            Reservation r;
            try {
              r = replica.reserve(keyId, "acme", usd("0.004"));
            } catch (GatewayException e) {
              if (!(e.error() instanceof GatewayError.BudgetExceeded)) {
                throw e;
              }
              continue;
            }
            admitted.incrementAndGet();
            // Counted after the database holds it and uncounted before it is let go, so this
            // sum never runs ahead of what the database has committed.
            worstSeen.accumulateAndGet(committedSeen.addAndGet(estimatePico), Math::max);
            if (ThreadLocalRandom.current().nextInt(5) == 0) {
              committedSeen.addAndGet(-estimatePico);
              replica.release(r);
              continue;
            }
            long actual = ThreadLocalRandom.current().nextLong(estimatePico + 1);
            committedSeen.addAndGet(actual - estimatePico);
            spentPico.addAndGet(actual);
            if (keyId.equals("k1")) {
              keySpentPico.addAndGet(actual);
            }
            replica.settle(r, Money.fromPicoUsd(actual));
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
    assertThat(admitted.get()).isGreaterThan(50);
    assertThat(worstSeen.get()).isLessThanOrEqualTo(limitPico);
    assertThat(spentPico.get()).isLessThanOrEqualTo(limitPico);
    assertThat(a.committedUsd(tenant)).isEqualByComparingTo(Money.fromPicoUsd(spentPico.get()));
    assertThat(b.committedUsd(key)).isEqualByComparingTo(Money.fromPicoUsd(keySpentPico.get()));
    assertThat(reservationRows()).isZero();
    // Refused only when truly full: topping up ends with less than one estimate left.
    while (true) {
      try {
        a.settle(a.reserve("k9", "acme", usd("0.004")), usd("0.004"));
      } catch (GatewayException e) {
        break;
      }
    }
    BigDecimal left = tenant.limitUsd().subtract(b.committedUsd(tenant));
    assertThat(left).isNotNegative().isLessThan(usd("0.004"));
  }

  @Test
  void refusal_saysWhatIsSpentAndHeldAcrossReplicas() {
    Budget daily = hard(Budget.Scope.TENANT, "acme", Budget.Period.DAY, "0.010");
    Budgets a = Budgets.shared(List.of(daily), clock, opened.getFirst(), TTL);
    Budgets b = Budgets.shared(List.of(daily), clock, replica(), TTL);
    a.settle(a.reserve("k1", "acme", usd("0.005")), usd("0.005"));
    a.reserve("k1", "acme", usd("0.003"));

    assertThatThrownBy(() -> b.reserve("k2", "acme", usd("0.004")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error()).isInstanceOf(GatewayError.BudgetExceeded.class);
          assertThat(e.error().httpStatus()).isEqualTo(402);
          assertThat(e.getMessage()).isEqualTo("budget 'tenant acme daily' of $0.010 would be "
              + "exceeded: spent $0.008 ($0.003 of it held by requests in flight), this request"
              + " needs up to $0.004");
        });
    assertThat(b.committedUsd(daily)).isEqualByComparingTo("0.008");
  }

  @Test
  void refusalByOneBudget_holdsNothingInTheOthers() {
    Budget key = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "1");
    Budget tenant = hard(Budget.Scope.TENANT, "acme", Budget.Period.DAY, "0.001");
    Budgets budgets = Budgets.shared(List.of(key, tenant), clock, opened.getFirst(), TTL);

    assertThatThrownBy(() -> budgets.reserve("k1", "acme", usd("0.002")))
        .isInstanceOf(GatewayException.class);
    assertThat(budgets.committedUsd(key)).isZero();
    assertThat(reservationRows()).isZero();
  }

  @Test
  void replicaDyingMidCall_holdsItsEstimateOnlyUntilItExpires() {
    Budget daily = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0.010");
    Database doomed = replica();
    Budgets dying = Budgets.shared(List.of(daily), clock, doomed, TTL);
    Budgets survivor = Budgets.shared(List.of(daily), clock, opened.getFirst(), TTL);
    Reservation lost = dying.reserve("k1", "acme", usd("0.008"));
    doomed.close();

    assertThatThrownBy(() -> survivor.reserve("k1", "acme", usd("0.004")))
        .hasMessageContaining("$0.008 of it held by requests in flight");

    clock.advance(TTL.minusSeconds(1));
    assertThatThrownBy(() -> survivor.reserve("k1", "acme", usd("0.004")))
        .isInstanceOf(GatewayException.class);
    clock.advance(Duration.ofSeconds(1));
    Reservation later = survivor.reserve("k1", "acme", usd("0.004"));

    assertThat(survivor.committedUsd(daily)).isEqualByComparingTo("0.004");
    survivor.settle(later, usd("0.001"));
    assertThat(lost.estimateUsd()).isEqualByComparingTo("0.008");
  }

  @Test
  void settleAfterExpiry_stillAddsTheRealCost() {
    Budget daily = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0.010");
    Budgets slow = Budgets.shared(List.of(daily), clock, opened.getFirst(), TTL);
    Budgets other = Budgets.shared(List.of(daily), clock, replica(), TTL);
    Reservation overdue = slow.reserve("k1", "acme", usd("0.006"));
    clock.advance(TTL.plusSeconds(1));
    // Sweeps the expired row away before the late settle arrives.
    other.settle(other.reserve("k1", "acme", usd("0.001")), usd("0.001"));

    slow.settle(overdue, usd("0.005"));

    assertThat(other.committedUsd(daily)).isEqualByComparingTo("0.006");
    assertThat(reservationRows()).isZero();
  }

  @Test
  void newUtcDay_startsTheDailyCounterAfreshButNotTheMonthly() {
    Budget daily = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0.010");
    Budget monthly = hard(Budget.Scope.KEY, "k1", Budget.Period.MONTH, "1");
    Budgets budgets = Budgets.shared(List.of(daily, monthly), clock, opened.getFirst(), TTL);
    budgets.settle(budgets.reserve("k1", "acme", usd("0.006")), usd("0.006"));
    clock.advance(Duration.ofMinutes(8));
    Reservation acrossMidnight = budgets.reserve("k1", "acme", usd("0.004"));

    clock.advance(Duration.ofMinutes(3));
    assertThat(budgets.committedUsd(daily)).isZero();
    assertThat(budgets.committedUsd(monthly)).isEqualByComparingTo("0.010");
    budgets.settle(acrossMidnight, usd("0.003"));

    // Yesterday's call is paid in yesterday's counter; today's is untouched.
    assertThat(budgets.committedUsd(daily)).isZero();
    assertThat(budgets.committedUsd(monthly)).isEqualByComparingTo("0.009");
    budgets.reserve("k1", "acme", usd("0.010"));
  }

  @Test
  void softBudget_admitsAndFlagsAcrossReplicas() {
    Budget soft = new Budget(Budget.Scope.KEY, "k1", Budget.Period.TOTAL, usd("0.005"),
        Budget.Enforcement.SOFT);
    Budgets a = Budgets.shared(List.of(soft), clock, opened.getFirst(), TTL);
    Budgets b = Budgets.shared(List.of(soft), clock, replica(), TTL);

    Reservation within = a.reserve("k1", "acme", usd("0.004"));
    Reservation over = b.reserve("k1", "acme", usd("0.004"));

    assertThat(within.overSoftBudget()).isFalse();
    assertThat(over.softBudgetsExceeded()).containsExactly("key k1 total");
    b.settle(over, usd("0.004"));
    a.settle(within, usd("0.004"));
    assertThat(a.committedUsd(soft)).isEqualByComparingTo("0.008");
  }

  @Test
  void restart_keepsSpendingAndHeldEstimates() {
    Budget daily = hard(Budget.Scope.TENANT, "acme", Budget.Period.DAY, "0.010");
    Database before = replica();
    Budgets first = Budgets.shared(List.of(daily), clock, before, TTL);
    first.settle(first.reserve("k1", "acme", usd("0.005")), usd("0.005"));
    first.reserve("k1", "acme", usd("0.002"));
    before.close();

    Budgets restarted = Budgets.shared(List.of(daily), clock, replica(), TTL);

    assertThat(restarted.committedUsd(daily)).isEqualByComparingTo("0.007");
    assertThatThrownBy(() -> restarted.reserve("k2", "acme", usd("0.004")))
        .hasMessageContaining("spent $0.007");
  }

  @Test
  void newCounter_startsFromWhatTheLedgerHoldsForItsPeriod() {
    Budget daily = hard(Budget.Scope.TENANT, "acme", Budget.Period.DAY, "0.010");
    SqlLedger ledger = SqlLedger.start(opened.getFirst());
    ledger.record(LedgerEntries.served("y", NOW.minus(Duration.ofDays(1)), "k1", "acme", "cheap",
        "0.009", "0.02"));
    ledger.record(LedgerEntries.served("t", NOW.minusSeconds(60), "k1", "acme", "cheap", "0.008",
        "0.02"));
    ledger.close();
    Budgets budgets = Budgets.shared(List.of(daily), clock, opened.getFirst(), TTL);

    assertThat(budgets.committedUsd(daily)).isEqualByComparingTo("0.008");
    assertThatThrownBy(() -> budgets.reserve("k2", "acme", usd("0.004")))
        .hasMessageContaining("spent $0.008");
    budgets.settle(budgets.reserve("k2", "acme", usd("0.002")), usd("0.001"));
    assertThat(budgets.committedUsd(daily)).isEqualByComparingTo("0.009");
  }

  @Test
  void unbudgetedRequests_touchNoCounter() {
    Budget budget = hard(Budget.Scope.KEY, "k1", Budget.Period.DAY, "0");
    Budgets budgets = Budgets.shared(List.of(budget), clock, opened.getFirst(), TTL);

    budgets.settle(budgets.reserve("k2", "other", usd("5")), usd("5"));

    assertThat(rows("budget_counter")).isZero();
  }

  Database replica() {
    Database database = openReplicaDatabase();
    opened.add(database);
    return database;
  }

  private long reservationRows() {
    return rows("budget_reservation");
  }

  private long rows(String table) {
    try (Connection c = opened.getFirst().dataSource().getConnection();
        Statement statement = c.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Budget hard(Budget.Scope scope, String subject, Budget.Period period, String limit) {
    return new Budget(scope, subject, period, usd(limit), Budget.Enforcement.HARD);
  }

  static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }
}
