package dev.gearbox.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as the gateway's JSON answers and reports give it: a plain decimal string of USD, exact
 * to the picodollar the ledger keeps, without trailing zeros past the cent ({@code "0.000515"},
 * {@code "-0.000015"}, {@code "0.00"}, {@code "12.50"}), never in exponent form.
 */
public final class UsdText {
  private static final int MIN_SCALE = 2;

  private UsdText() {}

  public static String plain(BigDecimal usd) {
    BigDecimal exact = Money.usd(usd).stripTrailingZeros();
    return exact.setScale(Math.max(MIN_SCALE, exact.scale()), RoundingMode.UNNECESSARY)
        .toPlainString();
  }
}
