package dev.gearbox.cache;

import java.util.Objects;

/**
 * How one request may use the cache: the client's directive and the request's data label
 * (public, internal, restricted). Entries are kept per label and a request only ever sees entries
 * written under its own label, so a restricted answer never reaches a public request and a
 * restricted request never receives an answer that was produced outside its policy.
 */
public record CacheControl(CacheDirective directive, String dataLabel) {
  public static final String PUBLIC = "public";

  /** Use the cache, data label public. */
  public static final CacheControl DEFAULT = new CacheControl(CacheDirective.USE, PUBLIC);

  public CacheControl {
    Objects.requireNonNull(directive, "directive");
    Objects.requireNonNull(dataLabel, "dataLabel");
    if (dataLabel.isBlank()) {
      throw new IllegalArgumentException("a data label is never blank");
    }
  }

  public static CacheControl of(CacheDirective directive) {
    return new CacheControl(directive, PUBLIC);
  }
}
