package dev.gearbox.cost;

import dev.gearbox.model.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * What one model charges, in USD per million tokens of each kind. Cached-input and cache-write
 * prices are what the provider bills for prompt tokens read from or written to its prompt cache;
 * reasoning tokens are billed at the output price unless a reasoning price is given.
 *
 * <p>A self-hosted model has no price list, but it is not free: {@link #selfHosted} turns what
 * its GPUs cost per hour and the throughput they sustain into a per-token price.
 */
public record ModelPrice(
    BigDecimal usdPerMillionInput,
    BigDecimal usdPerMillionOutput,
    BigDecimal usdPerMillionCachedInput,
    BigDecimal usdPerMillionCacheWrite,
    Optional<BigDecimal> usdPerMillionReasoning) {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  /** Self-hosted prices are quotients; twelve decimals per million tokens is far below a cent. */
  private static final int SELF_HOSTED_SCALE = 12;

  public ModelPrice {
    requireNonNegative(usdPerMillionInput, "usdPerMillionInput");
    requireNonNegative(usdPerMillionOutput, "usdPerMillionOutput");
    requireNonNegative(usdPerMillionCachedInput, "usdPerMillionCachedInput");
    requireNonNegative(usdPerMillionCacheWrite, "usdPerMillionCacheWrite");
    Objects.requireNonNull(usdPerMillionReasoning, "usdPerMillionReasoning");
    usdPerMillionReasoning.ifPresent(p -> requireNonNegative(p, "usdPerMillionReasoning"));
  }

  /** A price list without prompt-cache discounts: cached and cache-write tokens cost input. */
  public static ModelPrice perMillion(BigDecimal input, BigDecimal output) {
    return new ModelPrice(input, output, input, input, Optional.empty());
  }

  /** A price list with prompt-cache prices; reasoning tokens at the output price. */
  public static ModelPrice perMillion(
      BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite) {
    return new ModelPrice(input, output, cachedInput, cacheWrite, Optional.empty());
  }

  /**
   * A self-hosted model priced from its hardware: {@code usdPerMillion = gpuUsdPerHour x
   * 1,000,000 / (tokensPerSecond x 3,600)}, where {@code gpuUsdPerHour} is what all the GPUs
   * serving the model cost per hour (owned hardware amortised, or the cloud rate) and {@code
   * tokensPerSecond} is the aggregate throughput they sustain under the expected batch load.
   * Every token kind gets that one price: a GPU-second is spent whatever the token was.
   *
   * @throws IllegalArgumentException when the throughput is not positive
   */
  public static ModelPrice selfHosted(BigDecimal gpuUsdPerHour, BigDecimal tokensPerSecond) {
    requireNonNegative(gpuUsdPerHour, "gpuUsdPerHour");
    if (tokensPerSecond.signum() <= 0) {
      throw new IllegalArgumentException("tokensPerSecond must be positive");
    }
    BigDecimal perMillion =
        gpuUsdPerHour
            .multiply(MILLION)
            .divide(tokensPerSecond.multiply(SECONDS_PER_HOUR), SELF_HOSTED_SCALE,
                RoundingMode.HALF_EVEN)
            .stripTrailingZeros();
    return perMillion(perMillion, perMillion);
  }

  /**
   * The exact cost of one call. Each token is billed once, at the price of its kind: cached and
   * cache-write tokens are part of {@link Usage#inputTokens()} but billed at their own prices
   * (never also at the input price), and reasoning tokens are part of the output tokens.
   */
  public BigDecimal cost(Usage usage) {
    long reasoning = Math.min(usage.reasoningTokens(), usage.outputTokens());
    long plainOutput = usage.outputTokens() - reasoning;
    BigDecimal perMillion =
        usdPerMillionInput
            .multiply(BigDecimal.valueOf(usage.uncachedInputTokens()))
            .add(usdPerMillionCachedInput.multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
            .add(usdPerMillionCacheWrite.multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
            .add(usdPerMillionOutput.multiply(BigDecimal.valueOf(plainOutput)))
            .add(effectiveReasoningPrice().multiply(BigDecimal.valueOf(reasoning)));
    return perMillion.movePointLeft(6).stripTrailingZeros();
  }

  /** The price of reasoning tokens: their own when listed, else the output price. */
  public BigDecimal effectiveReasoningPrice() {
    return usdPerMillionReasoning.orElse(usdPerMillionOutput);
  }

  public ModelPrice withReasoning(BigDecimal usdPerMillion) {
    return new ModelPrice(
        usdPerMillionInput,
        usdPerMillionOutput,
        usdPerMillionCachedInput,
        usdPerMillionCacheWrite,
        Optional.of(usdPerMillion));
  }

  private static void requireNonNegative(BigDecimal value, String name) {
    Objects.requireNonNull(value, name);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " is never negative");
    }
  }
}
