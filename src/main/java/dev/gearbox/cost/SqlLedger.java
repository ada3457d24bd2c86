package dev.gearbox.cost;

import dev.gearbox.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger on a {@link Database}. Callers put entries on a bounded queue; one writer thread
 * takes up to {@code batchSize} at a time and inserts them in one transaction, so a batch is
 * stored whole or not at all and SQLite sees a single writer.
 *
 * <p>A failed batch is retried with capped backoff until it is stored: entries are never dropped
 * while the process runs, and callers slow down (the queue fills) rather than lose data. On
 * {@link #close()} the writer drains the queue; if the database is still failing when the drain
 * deadline passes, each unstored entry is logged in full at ERROR, so nothing vanishes silently.
 */
public final class SqlLedger implements Ledger, SpendHistory {
  private static final Logger LOG = LoggerFactory.getLogger(SqlLedger.class);
  private static final int DEFAULT_QUEUE_CAPACITY = 10_000;
  private static final int DEFAULT_BATCH_SIZE = 500;
  private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(30);
  private static final long POLL_MS = 100;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Database database;
  private final BlockingQueue<LedgerEntry> queue;
  private final int batchSize;
  private final Thread writer;
  private final ReentrantReadWriteLock intake = new ReentrantReadWriteLock();
  private final ReentrantLock progressLock = new ReentrantLock();
  private final Condition progress = progressLock.newCondition();
  private long submitted;
  private long stored;
  private volatile boolean closing;
  private volatile long drainDeadlineNanos = Long.MAX_VALUE;

  private SqlLedger(Database database, int queueCapacity, int batchSize, ThreadFactory threads) {
    if (queueCapacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException("queue capacity and batch size must be positive");
    }
    this.database = database;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.batchSize = batchSize;
    this.writer = threads.newThread(this::drainLoop);
  }

  /** A ledger with a 10,000-entry queue, batches of 500, on a daemon platform thread. */
  public static SqlLedger start(Database database) {
    ThreadFactory threads = Thread.ofPlatform().name("gearbox-ledger-writer").daemon().factory();
    return start(database, DEFAULT_QUEUE_CAPACITY, DEFAULT_BATCH_SIZE, threads);
  }

  /** A ledger whose writer thread comes from {@code threads}. */
  public static SqlLedger start(
      Database database, int queueCapacity, int batchSize, ThreadFactory threads) {
    SqlLedger ledger = new SqlLedger(database, queueCapacity, batchSize, threads);
    ledger.writer.start();
    return ledger;
  }

  @Override
  public void record(LedgerEntry entry) {
    intake.readLock().lock();
    try {
      if (closing) {
        throw new IllegalStateException("the ledger is closed");
      }
      queue.put(entry);
      countSubmitted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the ledger queue was full", e);
    } finally {
      intake.readLock().unlock();
    }
  }

  @Override
  public void flush() {
    progressLock.lock();
    try {
      long target = submitted;
      while (stored < target && writer.isAlive()) {
        progress.await(POLL_MS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      progressLock.unlock();
    }
  }

  @Override
  public void close() {
    intake.writeLock().lock();
    try {
      if (closing) {
        return;
      }
      drainDeadlineNanos = System.nanoTime() + DRAIN_DEADLINE.toNanos();
      closing = true;
    } finally {
      intake.writeLock().unlock();
    }
    joinWriter();
  }

  /** The entries stored for one request id, oldest first. */
  public List<LedgerEntry> byRequestId(String requestId) {
    String sql = "SELECT " + LedgerRows.COLUMNS + " FROM ledger WHERE request_id = ? ORDER BY id";
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, requestId);
      List<LedgerEntry> found = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(LedgerRows.read(rows));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new LedgerException("cannot read the ledger", e);
    }
  }

  @Override
  public BigDecimal spentUsd(Budget.Scope scope, String subject, Instant since) {
    String column = scope == Budget.Scope.KEY ? "key_id" : "tenant";
    String sql =
        "SELECT COALESCE(SUM(cost_picousd), 0) FROM ledger WHERE " + column
            + " = ? AND at_epoch_ms >= ?";
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, subject);
      select.setLong(2, since.toEpochMilli());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return Money.fromPicoUsd(row.getBigDecimal(1));
      }
    } catch (SQLException e) {
      throw new LedgerException("cannot read spending from the ledger", e);
    }
  }

  private void countSubmitted() {
    progressLock.lock();
    try {
      submitted++;
    } finally {
      progressLock.unlock();
    }
  }

  private void countStored(int count) {
    progressLock.lock();
    try {
      stored += count;
      progress.signalAll();
    } finally {
      progressLock.unlock();
    }
  }

  private void joinWriter() {
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drainLoop() {
    List<LedgerEntry> batch = new ArrayList<>(batchSize);
    try {
      while (!(closing && queue.isEmpty())) {
        LedgerEntry first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        if (!storeWithRetry(batch)) {
          break;
        }
        countStored(batch.size());
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reportUnstored(batch);
  }

  /**
   * Stores the batch, retrying; false only when closing and the drain deadline has passed. A
   * batch that cannot be bound at all is logged instead (true).
   */
  private boolean storeWithRetry(List<LedgerEntry> batch) throws InterruptedException {
    long backoffMs = POLL_MS;
    while (true) {
      try {
        insert(batch);
        return true;
      } catch (RuntimeException e) {
        // A value the table cannot hold will not fit on a retry either: keep it in the log.
        LOG.error("ledger: {} entries cannot be stored; they follow", batch.size(), e);
        batch.forEach(entry -> LOG.error("ledger: unstorable {}", entry));
        return true;
      } catch (SQLException e) {
        LOG.warn("ledger: storing {} entries failed, retrying in {} ms; check the database",
            batch.size(), backoffMs, e);
      }
      if (closing && System.nanoTime() > drainDeadlineNanos) {
        return false;
      }
      Thread.sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
  }

  private void insert(List<LedgerEntry> batch) throws SQLException {
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(LedgerRows.INSERT)) {
        for (LedgerEntry entry : batch) {
          LedgerRows.bind(insert, entry);
          insert.addBatch();
        }
        insert.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private void reportUnstored(List<LedgerEntry> batch) {
    queue.drainTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    LOG.error("ledger: {} entries could not be stored before shutdown; they follow", batch.size());
    batch.forEach(entry -> LOG.error("ledger: unstored {}", entry));
    countStored(batch.size());
  }
}
