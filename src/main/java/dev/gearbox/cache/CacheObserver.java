package dev.gearbox.cache;

/** Told of every cache lookup, for metrics; must be quick and never throw. */
public interface CacheObserver {
  CacheObserver NONE = (kind, result) -> {};

  /**
   * @param kind {@code exact} or {@code semantic}
   * @param result {@code hit}, {@code miss}, {@code bypass} (the client turned the cache off),
   *     {@code skipped} (the request cannot be served semantically) or {@code refused_<guard>}
   *     (a neighbour was close enough but a false-hit guard refused it)
   */
  void lookup(String kind, String result);
}
