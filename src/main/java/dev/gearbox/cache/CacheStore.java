package dev.gearbox.cache;

import java.time.Instant;
import java.util.List;

/**
 * Where cache entries outlive the process: loaded at start, written as answers are cached, and
 * (on a shared PostgreSQL) read back by the other replicas. Writes may complete after the call
 * returns; a failed write costs a future hit, never a wrong answer, so it is logged, not raised.
 */
public interface CacheStore extends AutoCloseable {

  /** Entries not yet expired at {@code now}, newest first, at most {@code limit}. */
  List<CachedAnswer> live(Instant now, int limit);

  /** Entries created at or after {@code since} and not expired at {@code now}. */
  List<CachedAnswer> createdSince(Instant since, Instant now);

  /** Stores the entry, replacing one with the same key. */
  void save(CachedAnswer answer);

  void delete(String key);

  /** Deletes entries expired at {@code now}. */
  void purgeExpired(Instant now);

  /** Waits until every write handed over so far is done. */
  void flush();

  @Override
  void close();

  /** No persistence: entries live in memory only. */
  static CacheStore none() {
    return NoStore.INSTANCE;
  }

  /** The null store. */
  enum NoStore implements CacheStore {
    INSTANCE;

    @Override
    public List<CachedAnswer> live(Instant now, int limit) {
      return List.of();
    }

    @Override
    public List<CachedAnswer> createdSince(Instant since, Instant now) {
      return List.of();
    }

    @Override
    public void save(CachedAnswer answer) {}

    @Override
    public void delete(String key) {}

    @Override
    public void purgeExpired(Instant now) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
