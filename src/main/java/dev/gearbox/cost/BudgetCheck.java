package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The admission decision over the levels of a request's counters, read inside the section that
 * then holds the estimate (the in-process lock, or the database transaction), so the levels
 * cannot change between the check and the hold.
 */
final class BudgetCheck {
  private BudgetCheck() {}

  /**
   * The names of the soft budgets the request goes over.
   *
   * @throws dev.gearbox.model.GatewayException with {@link GatewayError.BudgetExceeded} naming
   *     the first hard budget the request would take past its limit
   */
  static List<String> admit(
      List<Budget> applicable, Map<Budget, CounterLevel> levels, BigDecimal estimateUsd) {
    List<String> softExceeded = new ArrayList<>();
    for (Budget budget : applicable) {
      CounterLevel level = levels.get(budget);
      if (!level.wouldExceed(budget, estimateUsd)) {
        continue;
      }
      if (budget.enforcement() == Budget.Enforcement.HARD) {
        throw new GatewayError.BudgetExceeded(refusal(budget, level, estimateUsd)).toException();
      }
      softExceeded.add(budget.name());
    }
    return softExceeded;
  }

  private static String refusal(Budget budget, CounterLevel level, BigDecimal estimateUsd) {
    BigDecimal limit = budget.limitUsd();
    int scale = Math.clamp(limit.scale(), 2, 6);
    String held =
        level.reservedUsd().signum() == 0
            ? ""
            : " (" + usd(level.reservedUsd(), scale) + " of it held by requests in flight)";
    return "budget '" + budget.name() + "' of " + usd(limit, scale)
        + " would be exceeded: spent " + usd(level.committedUsd(), scale) + held
        + ", this request needs up to " + usd(estimateUsd, scale);
  }

  private static String usd(BigDecimal amount, int minScale) {
    int scale = Math.clamp(Math.max(minScale, amount.stripTrailingZeros().scale()), 2, 6);
    return "$" + amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }
}
