package dev.gearbox.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * Usage totals of one group of ledger rows (one tier, one key, one day...), or of all of them.
 *
 * @param group the group's value ("frontier", "2026-12-03"), or what rows without one are
 *     ({@code (refused 402)}, {@code (no session)}; see {@link UsageGrouping})
 */
public record UsageLine(
    String group,
    long requests,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    BigDecimal counterfactualUsd) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public UsageLine {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(counterfactualUsd, "counterfactualUsd");
  }

  public BigDecimal savedUsd() {
    return Counterfactual.saved(costUsd, counterfactualUsd);
  }

  /** Saved as a percentage of the counterfactual, one decimal; empty when that is zero. */
  public Optional<BigDecimal> savedPercent() {
    if (counterfactualUsd.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        savedUsd().multiply(HUNDRED).divide(counterfactualUsd, 1, RoundingMode.HALF_UP));
  }
}
