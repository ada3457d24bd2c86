package dev.gearbox.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * The calls whose original prompt was over {@code overTokens}, and how compression did on them.
 *
 * @param calls the calls in the bucket
 * @param compressed how many of them the stage changed (the rest had nothing old enough)
 * @param tokenReduction prompt tokens before over after, per call
 * @param factsNeeded facts needed later, summed over the calls
 * @param factsKept of those, the ones the compressed contexts still held
 * @param callsLosingFacts calls whose compressed context lost at least one needed fact
 * @param savedUsdPerCall the mean money saved per call
 */
public record SizeBucket(
    long overTokens,
    int calls,
    int compressed,
    double tokensBeforeMean,
    double tokensAfterMean,
    Spread tokenReduction,
    long factsNeeded,
    long factsKept,
    int callsLosingFacts,
    BigDecimal savedUsdPerCall) {

  public SizeBucket {
    Objects.requireNonNull(tokenReduction, "tokenReduction");
    Objects.requireNonNull(savedUsdPerCall, "savedUsdPerCall");
  }

  static SizeBucket of(long overTokens, List<CallMeasure> all) {
    List<CallMeasure> calls = all.stream().filter(c -> c.tokensBefore() > overTokens).toList();
    BigDecimal saved = calls.stream().map(CallMeasure::savedUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new SizeBucket(
        overTokens,
        calls.size(),
        (int) calls.stream().filter(CallMeasure::compressed).count(),
        calls.stream().mapToLong(CallMeasure::tokensBefore).average().orElse(0),
        calls.stream().mapToLong(CallMeasure::tokensAfter).average().orElse(0),
        Spread.of(calls.stream().map(CallMeasure::reduction).toList()),
        calls.stream().mapToLong(CallMeasure::factsNeeded).sum(),
        calls.stream().mapToLong(CallMeasure::factsKept).sum(),
        (int) calls.stream().filter(c -> c.factsKept() < c.factsNeeded()).count(),
        calls.isEmpty() ? BigDecimal.ZERO
            : saved.divide(BigDecimal.valueOf(calls.size()), 12, RoundingMode.HALF_EVEN));
  }

  /** The share of needed facts kept (1 when none was needed). */
  public double factsKeptShare() {
    return factsNeeded == 0 ? 1.0 : (double) factsKept / factsNeeded;
  }
}
