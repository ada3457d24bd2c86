package dev.gearbox.cache;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompt vectors grouped by semantic scope. A lookup only ever scans its own scope, which is how
 * tenant, data label, system prompt, earlier turns, tools and parameters are kept apart: an entry
 * of another scope is not a candidate at any similarity.
 */
final class SemanticIndex {
  private final int dimensions;
  private final ConcurrentHashMap<String, VectorBlock> scopes = new ConcurrentHashMap<>();

  SemanticIndex(int dimensions) {
    this.dimensions = dimensions;
  }

  int dimensions() {
    return dimensions;
  }

  void put(String scope, String key, float[] vector) {
    scopes.compute(scope, (s, block) -> {
      VectorBlock target = block == null ? new VectorBlock(dimensions) : block;
      target.put(key, vector);
      return target;
    });
  }

  void remove(String scope, String key) {
    scopes.computeIfPresent(scope, (s, block) -> {
      block.remove(key);
      return block.size() == 0 ? null : block;
    });
  }

  List<Neighbour> nearest(String scope, float[] query, double minSimilarity, int limit) {
    VectorBlock block = scopes.get(scope);
    return block == null ? List.of() : block.nearest(query, minSimilarity, limit);
  }

  int size() {
    return scopes.values().stream().mapToInt(VectorBlock::size).sum();
  }
}
