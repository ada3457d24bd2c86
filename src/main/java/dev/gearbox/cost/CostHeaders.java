package dev.gearbox.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The response headers that tell a client what its request cost and saved, on OpenAI and
 * Anthropic responses alike, and the request headers that tie calls into agent sessions.
 */
public final class CostHeaders {
  public static final String COST_USD = "x-gearbox-cost-usd";
  public static final String SAVED_USD = "x-gearbox-saved-usd";
  public static final String SESSION = "x-gearbox-session";
  public static final String PARENT = "x-gearbox-parent";

  /** Header values carry micro-dollars: enough for one request, short enough to read. */
  private static final int HEADER_SCALE = 6;

  private CostHeaders() {}

  /** An amount as a header value: plain decimal USD, six places ({@code 0.005615}). */
  public static String usd(BigDecimal amount) {
    return amount.setScale(HEADER_SCALE, RoundingMode.HALF_UP).toPlainString();
  }
}
