package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import dev.gearbox.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budget counters in the database ({@code budget_counter}, {@code budget_reservation}, migration
 * V5), shared by every gateway process that uses it.
 *
 * <p>A reservation is one transaction over all the request's counters: each counter is locked
 * (PostgreSQL: {@code SELECT ... FOR UPDATE} in {@link CounterKey} order, so two transactions
 * never wait on each other in a cycle; SQLite: {@code BEGIN IMMEDIATE}, the database's one write
 * lock), its spent amount and its live reservations are read, and the estimate is inserted as one
 * reservation row per counter, or nothing is when a hard budget refuses. Whatever raises a
 * counter's level holds that counter's lock, so two processes racing can never together pass a
 * hard limit unless a call costs more than its estimate. Settling deletes the rows and adds the
 * real cost in one transaction; releasing only deletes them.
 *
 * <p>Each reservation row expires after {@code reservationTtl}: a process that dies mid-call holds
 * its estimates only that long. A row is counted only before it expires, so the ttl must exceed
 * the longest call; settling after expiry still adds the real cost.
 */
final class SqlBudgetCounters implements BudgetCounters {
  private static final Logger LOG = LoggerFactory.getLogger(SqlBudgetCounters.class);
  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
  private static final int FINISH_ATTEMPTS = 3;
  private static final long FINISH_RETRY_MS = 50;

  private static final String WHERE_COUNTER =
      " WHERE scope = ? AND subject = ? AND period = ? AND period_start_ms = ?";
  private static final String SELECT_SPENT =
      "SELECT spent_picousd FROM budget_counter" + WHERE_COUNTER;
  private static final String SELECT_HELD =
      "SELECT COALESCE(SUM(amount_picousd), 0) FROM budget_reservation" + WHERE_COUNTER
          + " AND expires_at_ms > ?";
  private static final String INSERT_HOLD =
      "INSERT INTO budget_reservation (scope, subject, period, period_start_ms, reservation_id,"
          + " amount_picousd, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String DELETE_HOLDS =
      "DELETE FROM budget_reservation WHERE reservation_id = ?";
  private static final String ADD_SPENT =
      "UPDATE budget_counter SET spent_picousd = spent_picousd + ?" + WHERE_COUNTER;
  private static final String SWEEP =
      "DELETE FROM budget_reservation WHERE expires_at_ms <= ?";

  private final Database database;
  private final Duration reservationTtl;
  private final AtomicLong nextSweepMs = new AtomicLong(Long.MIN_VALUE);

  SqlBudgetCounters(Database database, Duration reservationTtl) {
    if (reservationTtl.isNegative() || reservationTtl.isZero()) {
      throw new IllegalArgumentException("a reservation ttl is positive");
    }
    this.database = database;
    this.reservationTtl = reservationTtl;
  }

  @Override
  public Reservation reserve(List<Budget> applicable, BigDecimal estimateUsd, Instant now) {
    sweepExpired(now);
    TreeSet<CounterKey> counters = new TreeSet<>();
    applicable.forEach(budget -> counters.add(CounterKey.of(budget, now)));
    try {
      return WriteTransaction.run(database, c -> {
        Map<CounterKey, CounterLevel> levels = new HashMap<>();
        for (CounterKey counter : counters) {
          levels.put(counter, lockedLevel(c, counter, now));
        }
        Map<Budget, CounterLevel> byBudget = new HashMap<>();
        applicable.forEach(b -> byBudget.put(b, levels.get(CounterKey.of(b, now))));
        List<String> softExceeded = BudgetCheck.admit(applicable, byBudget, estimateUsd);
        Reservation reservation =
            new Reservation(estimateUsd, List.copyOf(counters), softExceeded);
        hold(c, reservation, now.plus(reservationTtl));
        return reservation;
      });
    } catch (SQLException e) {
      LOG.error("budgets: cannot reserve in the database; the request is refused", e);
      throw new GatewayError.Internal("budgets cannot be checked: the database did not answer")
          .toException();
    }
  }

  @Override
  public void finish(Reservation reservation, BigDecimal actualUsd) {
    long actualPicoUsd = Money.toPicoUsd(actualUsd);
    for (int attempt = 1; ; attempt++) {
      try {
        WriteTransaction.run(database, c -> {
          deleteHolds(c, reservation);
          if (actualPicoUsd != 0) {
            addSpent(c, reservation, actualPicoUsd);
          }
          return null;
        });
        return;
      } catch (SQLException e) {
        if (attempt == FINISH_ATTEMPTS) {
          LOG.error("budgets: reservation {} could not be settled with ${} after {} attempts; its"
              + " estimate is held until it expires and the cost is missing from its counters",
              reservation.id(), actualUsd.toPlainString(), attempt, e);
          return;
        }
        LOG.warn("budgets: settling reservation {} failed, retrying", reservation.id(), e);
        pause(FINISH_RETRY_MS * attempt);
      }
    }
  }

  @Override
  public CounterLevel level(CounterKey counter, Instant now) {
    try (Connection c = database.dataSource().getConnection()) {
      OptionalLong spent = spent(c, counter, "");
      long spentPicoUsd = spent.isPresent() ? spent.getAsLong() : ledgerSpent(c, counter);
      return new CounterLevel(
          Money.fromPicoUsd(spentPicoUsd), Money.fromPicoUsd(held(c, counter, now)));
    } catch (SQLException e) {
      throw new LedgerException("cannot read a budget counter", e);
    }
  }

  /** The counter's level with the counter locked, creating it from the ledger when new. */
  private CounterLevel lockedLevel(Connection c, CounterKey counter, Instant now)
      throws SQLException {
    String lock = WriteTransaction.forUpdate(database);
    OptionalLong spent = spent(c, counter, lock);
    if (spent.isEmpty()) {
      create(c, counter);
      spent = spent(c, counter, lock);
    }
    return new CounterLevel(Money.fromPicoUsd(spent.orElseThrow()),
        Money.fromPicoUsd(held(c, counter, now)));
  }

  private static OptionalLong spent(Connection c, CounterKey counter, String lock)
      throws SQLException {
    try (PreparedStatement select = c.prepareStatement(SELECT_SPENT + lock)) {
      bind(select, counter, 1);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  private static long held(Connection c, CounterKey counter, Instant now) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(SELECT_HELD)) {
      bind(select, counter, 1);
      select.setLong(5, now.toEpochMilli());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * Starts a counter from the ledger's spending in its period: what was spent before the counter
   * existed (before budgets were shared, or before the budget was configured) still counts.
   */
  private static void create(Connection c, CounterKey counter) throws SQLException {
    String sql = "INSERT INTO budget_counter (scope, subject, period, period_start_ms,"
        + " spent_picousd) SELECT ?, ?, ?, ?, COALESCE(SUM(cost_picousd), 0) FROM ledger WHERE "
        + ledgerColumn(counter) + " = ? AND at_epoch_ms >= ? ON CONFLICT DO NOTHING";
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      bind(insert, counter, 1);
      insert.setString(5, counter.subject());
      insert.setLong(6, counter.periodStart().toEpochMilli());
      insert.executeUpdate();
    }
  }

  private static long ledgerSpent(Connection c, CounterKey counter) throws SQLException {
    String sql = "SELECT COALESCE(SUM(cost_picousd), 0) FROM ledger WHERE "
        + ledgerColumn(counter) + " = ? AND at_epoch_ms >= ?";
    try (PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, counter.subject());
      select.setLong(2, counter.periodStart().toEpochMilli());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static String ledgerColumn(CounterKey counter) {
    return switch (counter.scope()) {
      case KEY -> "key_id";
      case TENANT -> "tenant";
    };
  }

  private static void hold(Connection c, Reservation reservation, Instant expiresAt)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT_HOLD)) {
      for (CounterKey counter : reservation.counters()) {
        bind(insert, counter, 1);
        insert.setString(5, reservation.id());
        insert.setLong(6, Money.toPicoUsd(reservation.estimateUsd()));
        insert.setLong(7, expiresAt.toEpochMilli());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void deleteHolds(Connection c, Reservation reservation) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(DELETE_HOLDS)) {
      delete.setString(1, reservation.id());
      delete.executeUpdate();
    }
  }

  private static void addSpent(Connection c, Reservation reservation, long picoUsd)
      throws SQLException {
    try (PreparedStatement update = c.prepareStatement(ADD_SPENT)) {
      for (CounterKey counter : reservation.counters()) {
        update.setLong(1, picoUsd);
        bind(update, counter, 2);
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static void bind(PreparedStatement statement, CounterKey counter, int first)
      throws SQLException {
    statement.setString(first, counter.scopeName());
    statement.setString(first + 1, counter.subject());
    statement.setString(first + 2, counter.periodName());
    statement.setLong(first + 3, counter.periodStart().toEpochMilli());
  }

  /** Deletes expired reservation rows, at most once a minute per process; they no longer count. */
  private void sweepExpired(Instant now) {
    long due = nextSweepMs.get();
    long nowMs = now.toEpochMilli();
    if (nowMs < due || !nextSweepMs.compareAndSet(due, nowMs + SWEEP_INTERVAL.toMillis())) {
      return;
    }
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement delete = c.prepareStatement(SWEEP)) {
      delete.setLong(1, nowMs);
      int swept = delete.executeUpdate();
      if (swept > 0) {
        LOG.warn("budgets: {} reservations expired unsettled (a gateway process stopped"
            + " mid-call); their estimates are free again", swept);
      }
    } catch (SQLException e) {
      LOG.warn("budgets: sweeping expired reservations failed; they still no longer count", e);
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
