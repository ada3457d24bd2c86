package dev.gearbox.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store held in a list: for tests of what the cache loads, saves and deletes. */
final class MemoryStore implements CacheStore {
  final List<CachedAnswer> rows = new CopyOnWriteArrayList<>();
  final List<String> deleted = new CopyOnWriteArrayList<>();

  MemoryStore(List<CachedAnswer> initial) {
    rows.addAll(initial);
  }

  @Override
  public List<CachedAnswer> live(Instant now, int limit) {
    return rows.stream().filter(a -> a.expiresAt().isAfter(now))
        .sorted(Comparator.comparing(CachedAnswer::createdAt).reversed()).limit(limit).toList();
  }

  @Override
  public List<CachedAnswer> createdSince(Instant since, Instant now) {
    return rows.stream().filter(a -> a.expiresAt().isAfter(now))
        .filter(a -> !a.createdAt().isBefore(since)).toList();
  }

  @Override
  public void save(CachedAnswer answer) {
    rows.removeIf(a -> a.key().equals(answer.key()));
    rows.add(answer);
  }

  @Override
  public void delete(String key) {
    deleted.add(key);
    rows.removeIf(a -> a.key().equals(key));
  }

  @Override
  public void purgeExpired(Instant now) {
    new ArrayList<>(rows).stream().filter(a -> !a.expiresAt().isAfter(now))
        .forEach(a -> rows.remove(a));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
