package dev.gearbox.cache;

import dev.gearbox.cost.CacheStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** What a cache lookup found. */
public sealed interface CacheLookup {

  /** The header value and ledger status of this outcome. */
  CacheStatus status();

  /** A cached answer serves the request. */
  record Hit(CachedAnswer answer, CacheStatus status, OptionalDouble similarity)
      implements CacheLookup {
    public Hit {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(similarity, "similarity");
      if (!status.isHit()) {
        throw new IllegalArgumentException("a hit has a hit status, not " + status);
      }
    }
  }

  /**
   * Nothing usable: the request goes upstream.
   *
   * @param refusedBy the guard that refused the closest neighbour, when one did
   */
  record Miss(Optional<GuardKind> refusedBy) implements CacheLookup {
    public Miss {
      Objects.requireNonNull(refusedBy, "refusedBy");
    }

    @Override
    public CacheStatus status() {
      return CacheStatus.MISS;
    }
  }

  /** The cache was not consulted (turned off, or {@code refresh} asked for a fresh answer). */
  record Bypass() implements CacheLookup {
    @Override
    public CacheStatus status() {
      return CacheStatus.BYPASS;
    }
  }
}
