package dev.gearbox.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * USD amounts as the ledger stores them: whole picodollars (10^-12 USD) in a 64-bit integer.
 * That is exact for every list price in the price book (at most six decimals per million tokens)
 * and sums exactly in SQL on SQLite and PostgreSQL alike; one row holds up to about $9.2 million.
 */
final class Money {
  static final int SCALE = 12;

  private Money() {}

  /** The amount rounded half-even to picodollars. */
  static BigDecimal usd(BigDecimal amount) {
    return Objects.requireNonNull(amount, "amount").setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  static long toPicoUsd(BigDecimal amount) {
    return usd(amount).movePointRight(SCALE).longValueExact();
  }

  static BigDecimal fromPicoUsd(BigDecimal picoUsd) {
    return picoUsd.movePointLeft(SCALE).setScale(SCALE, RoundingMode.UNNECESSARY);
  }

  static BigDecimal fromPicoUsd(long picoUsd) {
    return BigDecimal.valueOf(picoUsd, SCALE);
  }
}
