package dev.gearbox.eval;

import java.util.Arrays;
import java.util.Collection;

/**
 * Mean, median and 95th percentile of a sample (nearest-rank percentiles); all zero for an
 * empty sample.
 */
public record Spread(double mean, double p50, double p95) {

  public static Spread of(Collection<Double> values) {
    if (values.isEmpty()) {
      return new Spread(0, 0, 0);
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Spread(Arrays.stream(sorted).average().orElse(0), rank(sorted, 0.50),
        rank(sorted, 0.95));
  }

  private static double rank(double[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.clamp(index, 0, sorted.length - 1)];
  }
}
