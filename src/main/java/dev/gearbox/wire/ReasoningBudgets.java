package dev.gearbox.wire;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The mapping between OpenAI's {@code reasoning_effort} levels and Anthropic's thinking budgets.
 *
 * <pre>
 *   effort   budget_tokens        budget_tokens   effort
 *   none     (no thinking)        below 4096      low
 *   minimal  1024                 4096 - 16383    medium
 *   low      2048                 16384 and up    high
 *   medium   8192
 *   high     16384
 *   xhigh    24576
 * </pre>
 *
 * A level mapped to a budget and back gives the same level, except minimal (which only some
 * OpenAI models take) and xhigh (only the newest), which come back as low and high. The largest
 * budget plus the default answer length (4096) stays within the 32000 output tokens of the
 * Claude models with the smallest output limit that think.
 */
final class ReasoningBudgets {
  /** The smallest thinking budget the Messages API accepts. */
  static final int MIN_BUDGET = 1024;

  private static final Map<String, Integer> BUDGETS = Map.of(
      "minimal", 1024, "low", 2048, "medium", 8192, "high", 16384, "xhigh", 24576);

  private ReasoningBudgets() {}

  /** The thinking budget of an effort level; none for "none". */
  static OptionalInt budget(String level) {
    Integer budget = BUDGETS.get(level);
    return budget == null ? OptionalInt.empty() : OptionalInt.of(budget);
  }

  /** The effort level of a thinking budget. */
  static String effort(int budget) {
    if (budget < 4096) {
      return "low";
    }
    return budget < 16384 ? "medium" : "high";
  }
}
