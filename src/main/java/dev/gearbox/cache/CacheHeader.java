package dev.gearbox.cache;

import dev.gearbox.cost.CacheStatus;

/**
 * The {@code x-gearbox-cache} response header's values: {@code hit-exact}, {@code hit-semantic},
 * {@code miss} (looked up, served upstream) and {@code bypass} (not looked up).
 */
public final class CacheHeader {
  private CacheHeader() {}

  public static String value(CacheStatus status) {
    return switch (status) {
      case EXACT_HIT -> "hit-exact";
      case SEMANTIC_HIT -> "hit-semantic";
      case MISS -> "miss";
      case BYPASS -> "bypass";
    };
  }

  /**
   * The status a header value names.
   *
   * @throws IllegalArgumentException for a value {@link #value} never returns
   */
  public static CacheStatus status(String value) {
    return switch (value) {
      case "hit-exact" -> CacheStatus.EXACT_HIT;
      case "hit-semantic" -> CacheStatus.SEMANTIC_HIT;
      case "miss" -> CacheStatus.MISS;
      case "bypass" -> CacheStatus.BYPASS;
      default -> throw new IllegalArgumentException("not a cache header value: " + value);
    };
  }
}
