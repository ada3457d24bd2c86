package dev.gearbox.cost;

import dev.gearbox.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import dev.gearbox.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's behaviour, run once on SQLite and once on PostgreSQL by the subclasses.
 */
abstract class LedgerContractTest {
  static final Instant T0 = Instant.parse("2026-12-03T10:15:30.123Z");

  Database database;
  SqlLedger ledger;

  /** A database with a fresh, migrated schema. */
  abstract Database openDatabase();

  /** Drops what {@link #openDatabase()} made, after the database is closed. */
  void cleanUp() {}

  @BeforeEach
  void open() {
    database = openDatabase();
    ledger = SqlLedger.start(database);
  }

  @AfterEach
  void close() {
    ledger.close();
    database.close();
    cleanUp();
  }

  @Test
  void fullEntry_readsBackEqual() {
    LedgerEntry entry =
        LedgerEntry.builder("req-1", T0, "auto")
            .key("key-7", "acme")
            .session(Optional.of("sess-1"), Optional.of("call-0"))
            .route("claude-sonnet-4-5", "frontier", "rule: tools present")
            .cacheStatus(CacheStatus.MISS)
            .usage(new Usage(12_307, 550, 0, 12_304, 120, UsageSource.UPSTREAM))
            .cost(new BigDecimal("0.054399"), new BigDecimal("0.054399"))
            .latency(812, OptionalLong.of(790))
            .httpStatus(200)
            .build();

    ledger.record(entry);
    ledger.flush();

    assertThat(ledger.byRequestId("req-1")).containsExactly(entry);
  }

  @Test
  void errorBeforeRouting_readsBackWithAbsentFields() {
    LedgerEntry entry =
        LedgerEntry.builder("req-err", T0, "gpt-unknown").httpStatus(404).latency(2,
            OptionalLong.empty()).build();

    ledger.record(entry);
    ledger.flush();

    LedgerEntry stored = ledger.byRequestId("req-err").getFirst();
    assertThat(stored).isEqualTo(entry);
    assertThat(stored.keyId()).isEmpty();
    assertThat(stored.servedModel()).isEmpty();
    assertThat(stored.upstreamLatencyMs()).isEmpty();
    assertThat(stored.usage().source()).isEqualTo(UsageSource.NONE);
  }

  @Test
  void tinyCosts_keepPicodollarPrecision() {
    LedgerEntry entry = LedgerEntries.served("req-tiny", T0, "k", "t", "cheap",
        "0.000000000001", "0.000000123456");

    ledger.record(entry);
    ledger.flush();

    LedgerEntry stored = ledger.byRequestId("req-tiny").getFirst();
    assertThat(stored.costUsd()).isEqualByComparingTo("0.000000000001");
    assertThat(stored.savedUsd()).isEqualByComparingTo("0.000000123455");
  }

  @Test
  void close_drainsAThousandQueuedEntriesThroughAFullQueue() {
    SqlLedger small =
        SqlLedger.start(database, 16, 50, Thread.ofPlatform().name("test-writer").factory());
    for (int i = 0; i < 1_000; i++) {
      small.record(LedgerEntries.served("bulk-" + i, T0, "k", "t", "cheap", "0.001", "0.01"));
    }
    small.close();

    UsageLine total = new UsageReport(database).total(UsageWindow.ALL_TIME);
    assertThat(total.requests()).isEqualTo(1_000);
    assertThat(total.costUsd()).isEqualByComparingTo("1");
    assertThatThrownBy(() -> small.record(LedgerEntries.served("late", T0, "k", "t", "cheap",
        "0", "0"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writeFailure_isRetriedUntilTheDatabaseRecovers() throws Exception {
    execute("ALTER TABLE ledger RENAME TO ledger_away");
    ledger.record(LedgerEntries.served("during-outage", T0, "k", "t", "cheap", "0.001", "0.01"));
    // Real time is the point here: the writer must meet the failure and back off at least once.
    Thread.sleep(300);
    execute("ALTER TABLE ledger_away RENAME TO ledger");

    ledger.flush();

    assertThat(ledger.byRequestId("during-outage")).hasSize(1);
  }

  @Test
  void concurrentRecorders_loseNothing() throws Exception {
    try (var threads = Executors.newFixedThreadPool(4)) {
      for (int t = 0; t < 4; t++) {
        int thread = t;
        threads.submit(() -> {
          for (int i = 0; i < 100; i++) {
            ledger.record(LedgerEntries.served("c-" + thread + "-" + i, T0, "k" + thread, "t",
                "cheap", "0.001", "0.002"));
          }
        });
      }
    }
    ledger.flush();

    List<UsageLine> byKey = new UsageReport(database).by(UsageGrouping.KEY, UsageWindow.ALL_TIME);
    assertThat(byKey).hasSize(4).allSatisfy(line -> assertThat(line.requests()).isEqualTo(100));
  }

  @Test
  void spentUsd_sumsOneKeyOrTenantSinceAnInstant() {
    ledger.record(LedgerEntries.served("s1", T0, "k1", "acme", "cheap", "0.004", "0.01"));
    ledger.record(LedgerEntries.served("s2", T0.plusSeconds(60), "k2", "acme", "cheap", "0.003",
        "0.01"));
    ledger.record(LedgerEntries.served("s3", T0.minusSeconds(86_400), "k1", "acme", "cheap",
        "0.5", "1"));
    ledger.flush();

    assertThat(ledger.spentUsd(Budget.Scope.KEY, "k1", T0)).isEqualByComparingTo("0.004");
    assertThat(ledger.spentUsd(Budget.Scope.TENANT, "acme", T0)).isEqualByComparingTo("0.007");
    assertThat(ledger.spentUsd(Budget.Scope.TENANT, "acme", Instant.EPOCH))
        .isEqualByComparingTo("0.507");
    assertThat(ledger.spentUsd(Budget.Scope.KEY, "nobody", Instant.EPOCH)).isZero();
  }

  @Test
  void budgetRace_recordedSpendNeverExceedsTheBudget() throws Exception {
    Budget keyDaily = new Budget(Budget.Scope.KEY, "k1", Budget.Period.DAY,
        new BigDecimal("0.010"), Budget.Enforcement.HARD);
    Budget tenantDaily = new Budget(Budget.Scope.TENANT, "acme", Budget.Period.DAY,
        new BigDecimal("0.010"), Budget.Enforcement.HARD);
    MutableClock clock = new MutableClock(T0);
    Budgets budgets = Budgets.create(List.of(keyDaily, tenantDaily), clock, ledger);

    int admittedForKey = raceRecording(budgets, clock, i -> "k1", "acme");
    ledger.flush();

    assertThat(admittedForKey).isEqualTo(2);
    UsageReport report = new UsageReport(database);
    assertThat(report.total(UsageWindow.ALL_TIME).costUsd()).isEqualByComparingTo("0.008");

    // The tenant budget now has $0.002 left: other keys of the tenant get nothing more.
    int admittedForTenant = raceRecording(budgets, clock, i -> "other-" + i, "acme");
    ledger.flush();

    assertThat(admittedForTenant).isZero();
    assertThat(ledger.spentUsd(Budget.Scope.TENANT, "acme", Budget.Period.DAY.start(T0)))
        .isLessThanOrEqualTo(new BigDecimal("0.010"));
  }

  @Test
  void budgetsAfterRestart_keepTodaysSpendFromTheLedger() {
    Budget daily = new Budget(Budget.Scope.TENANT, "acme", Budget.Period.DAY,
        new BigDecimal("0.010"), Budget.Enforcement.HARD);
    ledger.record(LedgerEntries.served("y", T0.minusSeconds(86_400), "k1", "acme", "cheap",
        "0.009", "0.02"));
    ledger.record(LedgerEntries.served("t", T0.minusSeconds(60), "k1", "acme", "cheap",
        "0.008", "0.02"));
    ledger.close();
    ledger = SqlLedger.start(database);

    Budgets restarted = Budgets.create(List.of(daily), new MutableClock(T0), ledger);

    assertThat(restarted.committedUsd(daily)).isEqualByComparingTo("0.008");
    assertThatThrownBy(() -> restarted.reserve("k2", "acme", new BigDecimal("0.004")))
        .hasMessageContaining("spent $0.008");
  }

  @Test
  void usageReport_groupsByTierWithSavedPercent() {
    ledger.record(LedgerEntries.served("a", T0, "k1", "acme", "cheap", "0.001", "0.010"));
    ledger.record(LedgerEntries.served("b", T0, "k1", "acme", "cheap", "0.001", "0.010"));
    ledger.record(LedgerEntries.served("c", T0, "k2", "beta", "frontier", "0.010", "0.010"));
    ledger.record(LedgerEntry.builder("d", T0.plusSeconds(86_400), "auto").key("k2", "beta")
        .route("sim-small", "cheap", "cache").cacheStatus(CacheStatus.EXACT_HIT)
        .cost(BigDecimal.ZERO, new BigDecimal("0.020")).build());
    ledger.flush();

    UsageSummary summary = new UsageReport(database).summary(UsageWindow.ALL_TIME,
        List.of(UsageGrouping.TIER, UsageGrouping.TENANT, UsageGrouping.DAY, UsageGrouping.MODEL,
            UsageGrouping.KEY, UsageGrouping.SESSION));

    assertThat(summary.total().requests()).isEqualTo(4);
    assertThat(summary.total().costUsd()).isEqualByComparingTo("0.012");
    assertThat(summary.total().counterfactualUsd()).isEqualByComparingTo("0.050");
    assertThat(summary.total().savedPercent()).contains(new BigDecimal("76.0"));
    UsageLine cheap = summary.groups().get(UsageGrouping.TIER).getFirst();
    assertThat(cheap.group()).isEqualTo("cheap");
    assertThat(cheap.requests()).isEqualTo(3);
    assertThat(cheap.savedUsd()).isEqualByComparingTo("0.038");
    assertThat(cheap.savedPercent()).contains(new BigDecimal("95.0"));
    UsageLine frontier = summary.groups().get(UsageGrouping.TIER).get(1);
    assertThat(frontier.savedPercent()).contains(new BigDecimal("0.0"));
    assertThat(summary.groups().get(UsageGrouping.DAY)).extracting(UsageLine::group)
        .containsExactly("2026-12-03", "2026-12-04");
    assertThat(summary.groups().get(UsageGrouping.SESSION)).extracting(UsageLine::group)
        .contains("(no session)", "session-k1");
  }

  @Test
  void usageReport_namesRefusedRequestsByTheirStatus_inTheTierAndModelGroupings() {
    ledger.record(LedgerEntries.served("a", T0, "k1", "acme", "cheap", "0.001", "0.010"));
    for (String id : List.of("b", "c")) {
      ledger.record(LedgerEntry.builder(id, T0, "auto").key("k1", "acme").httpStatus(402)
          .build());
    }
    ledger.record(LedgerEntry.builder("d", T0, "auto").key("k1", "acme").httpStatus(429)
        .build());
    ledger.flush();

    UsageSummary summary = new UsageReport(database).summary(UsageWindow.ALL_TIME,
        List.of(UsageGrouping.TIER, UsageGrouping.MODEL));

    for (UsageGrouping grouping : List.of(UsageGrouping.TIER, UsageGrouping.MODEL)) {
      assertThat(summary.groups().get(grouping))
          .extracting(UsageLine::group, UsageLine::requests)
          .containsExactly(tuple("(refused 402)", 2L), tuple("(refused 429)", 1L),
              tuple(grouping == UsageGrouping.TIER ? "cheap" : "sim-small", 1L));
    }
  }

  @Test
  void usageReport_windowExcludesRowsOutsideIt() {
    ledger.record(LedgerEntries.served("in", T0, "k1", "acme", "cheap", "0.001", "0.010"));
    ledger.record(LedgerEntries.served("out", T0.plusSeconds(3_600), "k1", "acme", "cheap",
        "0.5", "1"));
    ledger.flush();

    UsageWindow window = new UsageWindow(Optional.of(T0), Optional.of(T0.plusSeconds(60)));
    UsageLine total = new UsageReport(database).total(window);

    assertThat(total.requests()).isEqualTo(1);
    assertThat(total.costUsd()).isEqualByComparingTo("0.001");
  }

  /** Eight threads race for $0.004 each; admitted ones record their cost in the ledger. */
  private int raceRecording(Budgets budgets, MutableClock clock,
      IntFunction<String> keyOf, String tenant) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String key = keyOf.apply(i);
      String id = key + "-" + i + "-" + System.nanoTime();
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          Reservation reservation = budgets.reserve(key, tenant, new BigDecimal("0.004"));
          admitted.incrementAndGet();
          ledger.record(LedgerEntries.served(id, clock.instant(), key, tenant, "cheap", "0.004",
              "0.04"));
          budgets.settle(reservation, new BigDecimal("0.004"));
        } catch (GatewayException refused) {
          // refused by a hard budget: nothing to record
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return admitted.get();
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }
}
