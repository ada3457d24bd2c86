package dev.gearbox.demo;

import java.util.List;

/** Nearest-rank percentiles of a sample of whole milliseconds. */
final class Percentiles {
  private Percentiles() {}

  /**
   * The smallest value at or above which lie no more than {@code 100 - p} percent of the
   * values (nearest rank); 0 for an empty sample.
   */
  static long of(List<Long> values, double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("a percentile is in (0, 100], got " + p);
    }
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
