package dev.gearbox.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The cache's bounds: how long an entry lives, how many are kept in memory, and the semantic
 * settings when the semantic cache is on.
 */
public record CacheSettings(Duration ttl, int maxEntries, Optional<SemanticSettings> semantic) {
  public CacheSettings {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(semantic, "semantic");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
  }
}
