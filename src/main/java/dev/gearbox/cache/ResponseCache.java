package dev.gearbox.cache;

import dev.gearbox.model.ChatResponse;

/**
 * The response cache as the gateway uses it: look up before routing, store after a complete,
 * successful answer. {@link #disabled()} is the null cache, so the request path has no
 * "is caching on?" branches.
 */
public interface ResponseCache extends AutoCloseable {

  /** Exact entry first, then (when enabled and safe) a guarded semantic neighbour. */
  CacheLookup lookup(CacheQuery query);

  /**
   * Stores a complete upstream answer when the request's directive allows writing and the answer
   * may be cached (see {@link Cacheability}); otherwise does nothing.
   *
   * @param servedModel the alias of the model that produced it
   * @param tier that model's tier
   */
  void store(CacheQuery query, ChatResponse response, String servedModel, String tier);

  @Override
  void close();

  /** A cache that never hits and never stores; every lookup is a bypass. */
  static ResponseCache disabled() {
    return Disabled.INSTANCE;
  }

  /** The null cache. */
  enum Disabled implements ResponseCache {
    INSTANCE;

    @Override
    public CacheLookup lookup(CacheQuery query) {
      return new CacheLookup.Bypass();
    }

    @Override
    public void store(CacheQuery query, ChatResponse response, String servedModel, String tier) {}

    @Override
    public void close() {}
  }
}
