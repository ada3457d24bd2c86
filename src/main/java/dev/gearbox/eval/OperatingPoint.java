package dev.gearbox.eval;

import java.math.BigDecimal;

/**
 * Where a policy must operate to meet a goal, and what it costs there.
 *
 * @param goal e.g. {@code gap_50} (recover 50% of the quality gap) or {@code quality_95} (keep
 *     95% of the frontier model's quality)
 * @param reached false when no point of the curve meets the goal (the other fields are then
 *     those of all-frontier)
 * @param frontierShare share of requests that called the frontier model
 * @param costSaved share of the all-frontier cost saved (negative when it costs more)
 * @param savedUsdPer1k USD saved per 1,000 requests against all-frontier
 */
public record OperatingPoint(
    String goal,
    boolean reached,
    double frontierShare,
    double quality,
    double costSaved,
    BigDecimal savedUsdPer1k) {}
