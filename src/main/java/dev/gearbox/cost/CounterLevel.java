package dev.gearbox.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where a budget counter stands: money spent by finished requests, and money held by requests in
 * flight.
 */
record CounterLevel(BigDecimal spentUsd, BigDecimal reservedUsd) {
  static final CounterLevel ZERO = new CounterLevel(BigDecimal.ZERO, BigDecimal.ZERO);

  CounterLevel {
    Objects.requireNonNull(spentUsd, "spentUsd");
    Objects.requireNonNull(reservedUsd, "reservedUsd");
  }

  BigDecimal committedUsd() {
    return spentUsd.add(reservedUsd);
  }

  boolean wouldExceed(Budget budget, BigDecimal estimateUsd) {
    return committedUsd().add(estimateUsd).compareTo(budget.limitUsd()) > 0;
  }

  CounterLevel reserve(BigDecimal amountUsd) {
    return new CounterLevel(spentUsd, reservedUsd.add(amountUsd));
  }

  CounterLevel finish(BigDecimal heldUsd, BigDecimal actualUsd) {
    return new CounterLevel(spentUsd.add(actualUsd), reservedUsd.subtract(heldUsd));
  }
}
