package dev.gearbox.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.gateway.AuditTrail;
import dev.gearbox.gateway.AuditedCall;
import dev.gearbox.model.GatewayError;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit log on the ledger's database (table {@code audit_log}).
 * Each record's body holds its sequence number and the previous record's hash, and is stored as
 * its canonical JSON together with the SHA-256 of that text. Every {@link
 * AuditSettings#checkpointEveryRecords()} records, and at least every {@link
 * AuditSettings#checkpointInterval()}, the head of the chain is signed with the Ed25519 key.
 *
 * <p>Durability: {@link #record} returns only after the record's transaction committed, in the
 * caller's thread. Concurrent callers share commits (group commit): whoever holds the write lock
 * stores every record queued so far in one transaction, and the others find theirs already
 * stored when their turn comes. So a burst costs a few commits rather than one each, and no
 * caller is released before its own record is durable.
 *
 * <p>Appends lock the one row of {@code audit_head} first, which makes writers take turns also
 * across replicas sharing PostgreSQL; on SQLite the same update takes the database's write lock.
 */
public final class SqlAuditLog implements AuditTrail, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlAuditLog.class);
  private static final int MAX_BATCH = 256;
  private static final String INSERT = "INSERT INTO audit_log"
      + " (seq, request_id, session_id, at_epoch_ms, body, hash) VALUES (?, ?, ?, ?, ?, ?)";

  private final AuditConnections connections;
  private final AuditKeys keys;
  private final AuditSettings settings;
  private final Clock clock;
  private final ReentrantLock writer = new ReentrantLock();
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private Instant lastCheckpointAt;
  private boolean closed;

  private SqlAuditLog(
      AuditConnections connections, AuditKeys keys, AuditSettings settings, Clock clock) {
    this.connections = connections;
    this.keys = keys;
    this.settings = settings;
    this.clock = clock;
    this.lastCheckpointAt = clock.instant();
  }

  /**
   * Opens the log on a migrated database and signs its head if records were left unsigned (by a
   * crash, for instance).
   *
   * @throws AuditException when the log cannot be opened
   */
  public static SqlAuditLog open(
      Database database,
      DatabaseConfig config,
      AuditKeys keys,
      AuditSettings settings,
      Clock clock) {
    SqlAuditLog log =
        new SqlAuditLog(AuditConnections.open(database, config), keys, settings, clock);
    log.writer.lock();
    try {
      log.checkpointHead();
    } catch (SQLException e) {
      log.connections.close();
      throw new AuditException("cannot open the audit log", e);
    } finally {
      log.writer.unlock();
    }
    LOG.info("audit log open: signing key {}, content logging {}", keys.keyId(),
        settings.logContent() ? "ON (records keep prompts and answers)" : "off (digests only)");
    return log;
  }

  @Override
  public void record(AuditedCall call) {
    Pending mine = new Pending(body(call));
    queue.add(mine);
    writer.lock();
    try {
      while (!mine.done) {
        writeQueued();
      }
    } finally {
      writer.unlock();
    }
    if (mine.failure.isPresent()) {
      throw mine.failure.get().toException();
    }
  }

  private ObjectNode body(AuditedCall call) {
    try {
      return AuditRecords.body(call, settings.logContent());
    } catch (RuntimeException e) {
      LOG.error("audit: the record of {} could not be built; its answer is withheld", call, e);
      throw new GatewayError.Internal("the audit record of this call could not be built, so"
          + " its answer is withheld; quote request id " + call.context().requestId()
          + " when reporting it").toException();
    }
  }

  /** Signs the head when the checkpoint interval has passed since the last checkpoint. */
  public void checkpointIfDue() {
    writer.lock();
    try {
      if (!closed && intervalPassed()) {
        checkpointHead();
      }
    } catch (SQLException e) {
      LOG.warn("audit: the periodic checkpoint failed; the next one will cover these records",
          e);
    } finally {
      writer.unlock();
    }
  }

  /** Signs the head a last time and releases the connection. Later records are refused. */
  @Override
  public void close() {
    writer.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      checkpointHead();
    } catch (SQLException e) {
      LOG.warn("audit: the closing checkpoint failed; records since the last one are chained"
          + " but unsigned", e);
    } finally {
      writer.unlock();
      connections.close();
    }
  }

  /** Stores up to {@value #MAX_BATCH} queued records in one transaction. Holds the lock. */
  private void writeQueued() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
      batch.add(next);
    }
    if (closed) {
      batch.forEach(p -> p.fail(new GatewayError.Internal(
          "the gateway is shutting down; this answer is withheld because it cannot be audited")));
      return;
    }
    try {
      boolean signed = connections.transaction(c -> append(c, batch));
      if (signed) {
        lastCheckpointAt = clock.instant();
      }
      batch.forEach(Pending::stored);
    } catch (SQLException | RuntimeException e) {
      LOG.error("audit: {} records could not be stored; their answers are withheld",
          batch.size(), e);
      batch.forEach(p -> p.fail(new GatewayError.Internal(
          "the audit log could not be written, so this answer is withheld; quote request id "
              + p.body.path("request_id").asText() + " when reporting it")));
    }
  }

  /** Chains and inserts the batch; true when it also wrote a checkpoint. */
  private boolean append(Connection c, List<Pending> batch) throws SQLException {
    Head head = lockHead(c);
    long seq = head.seq();
    String prev = head.hash();
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (Pending pending : batch) {
        seq++;
        ObjectNode body = pending.body.put("seq", seq).put("prev", prev);
        String text = Canonical.json(body);
        prev = Canonical.sha256Hex(text);
        bind(insert, seq, body, text, prev);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    updateHead(c, new Head(seq, prev));
    if (countDue(head.seq(), seq) || intervalPassed()) {
      insertCheckpoint(c, seq, prev);
      return true;
    }
    return false;
  }

  private static void bind(PreparedStatement insert, long seq, ObjectNode body, String text,
      String hash) throws SQLException {
    insert.setLong(1, seq);
    insert.setString(2, body.path("request_id").asText());
    insert.setString(3, body.hasNonNull("session_id") ? body.get("session_id").asText() : null);
    insert.setLong(4, Instant.parse(body.path("at").asText()).toEpochMilli());
    insert.setString(5, text);
    insert.setString(6, hash);
  }

  private boolean countDue(long fromSeq, long toSeq) {
    int every = settings.checkpointEveryRecords();
    return toSeq / every > fromSeq / every;
  }

  private boolean intervalPassed() {
    return !clock.instant().isBefore(lastCheckpointAt.plus(settings.checkpointInterval()));
  }

  /** Signs the current head unless it is signed already. Holds the lock. */
  private void checkpointHead() throws SQLException {
    boolean signed = connections.transaction(c -> {
      Head head = lockHead(c);
      if (head.seq() == 0 || head.seq() <= lastCheckpointSeq(c)) {
        return false;
      }
      insertCheckpoint(c, head.seq(), head.hash());
      return true;
    });
    if (signed) {
      lastCheckpointAt = clock.instant();
    }
  }

  private void insertCheckpoint(Connection c, long seq, String hash) throws SQLException {
    Checkpoint checkpoint = Checkpoint.sign(seq, hash, clock.instant(), keys);
    String sql = "INSERT INTO audit_checkpoint (seq, hash, at_epoch_ms, key_id, signature)"
        + " VALUES (?, ?, ?, ?, ?)";
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      insert.setLong(1, checkpoint.seq());
      insert.setString(2, checkpoint.hash());
      insert.setLong(3, checkpoint.atEpochMs());
      insert.setString(4, checkpoint.keyId());
      insert.setString(5, checkpoint.signature());
      insert.executeUpdate();
    }
    LOG.info(AuditExport.LOG_MARKER + "{}", Canonical.json(checkpoint.json()));
  }

  private static long lastCheckpointSeq(Connection c) throws SQLException {
    try (Statement select = c.createStatement();
        ResultSet row = select.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoint")) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Takes the append lock (a row lock, or SQLite's write lock) and reads the head. */
  private static Head lockHead(Connection c) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.executeUpdate("UPDATE audit_head SET seq = seq WHERE id = 1");
      String read = "SELECT seq, hash FROM audit_head WHERE id = 1";
      try (ResultSet row = statement.executeQuery(read)) {
        if (!row.next()) {
          throw new SQLException("the audit_head row is missing; the audit tables were altered");
        }
        return new Head(row.getLong(1), row.getString(2));
      }
    }
  }

  private static void updateHead(Connection c, Head head) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
      update.setLong(1, head.seq());
      update.setString(2, head.hash());
      update.executeUpdate();
    }
  }

  private record Head(long seq, String hash) {}

  /** A record waiting for its commit; fields are written and read under the write lock. */
  private static final class Pending {
    final ObjectNode body;
    boolean done;
    Optional<GatewayError> failure = Optional.empty();

    Pending(ObjectNode body) {
      this.body = body;
    }

    void stored() {
      done = true;
    }

    void fail(GatewayError error) {
      failure = Optional.of(error);
      done = true;
    }
  }
}
