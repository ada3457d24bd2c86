package dev.gearbox.cost;

/** What the response cache did for a request, as the ledger records it. */
public enum CacheStatus {
  /** Answered from the exact cache: no upstream call. */
  EXACT_HIT,
  /** Answered from a semantic neighbour: no upstream call. */
  SEMANTIC_HIT,
  /** Looked up, not found: served upstream. */
  MISS,
  /** Not looked up (caching off, streaming, a no-store request, or an error before the cache). */
  BYPASS;

  public boolean isHit() {
    return this == EXACT_HIT || this == SEMANTIC_HIT;
  }
}
