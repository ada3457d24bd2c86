package dev.gearbox.eval;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One agent call through the compression stage: prompt tokens before and after, the facts its
 * context needed and kept, and the money the compression saved on it.
 */
record CallMeasure(
    long tokensBefore,
    long tokensAfter,
    boolean compressed,
    int factsNeeded,
    int factsKept,
    BigDecimal savedUsd) {

  CallMeasure {
    Objects.requireNonNull(savedUsd, "savedUsd");
  }

  double reduction() {
    return (double) tokensBefore / Math.max(1, tokensAfter);
  }
}
