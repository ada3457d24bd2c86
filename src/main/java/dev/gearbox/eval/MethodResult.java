package dev.gearbox.eval;

import dev.gearbox.compress.CompressionMethod;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How one compression method did on the bundled agent runs: per prompt-size bucket (the first
 * is every call over the configured threshold), and the summary calls it paid for.
 */
public record MethodResult(
    CompressionMethod method,
    List<SizeBucket> buckets,
    int summaryCalls,
    BigDecimal summaryCostUsd) {

  public MethodResult {
    Objects.requireNonNull(method, "method");
    buckets = List.copyOf(buckets);
    Objects.requireNonNull(summaryCostUsd, "summaryCostUsd");
    if (buckets.isEmpty()) {
      throw new IllegalArgumentException("a method result has at least one bucket");
    }
  }

  /** The bucket of every call over the configured threshold. */
  public SizeBucket overall() {
    return buckets.getFirst();
  }
}
