package dev.gearbox.cost;

/**
 * Where every request's cost is recorded, one {@link LedgerEntry} per request. Recording never
 * makes the response wait for the database: entries queue and one writer stores them in
 * batches; when the queue is full the caller waits for room rather than losing an entry.
 */
public interface Ledger extends AutoCloseable {

  /**
   * Queues an entry for writing.
   *
   * @throws IllegalStateException when the ledger is closed
   */
  void record(LedgerEntry entry);

  /** Returns once every entry recorded before the call is stored. */
  void flush();

  /** Stops taking entries, stores every queued one, then stops the writer. */
  @Override
  void close();
}
