package dev.gearbox.compress;

import dev.gearbox.provider.Tier;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When and how the gateway shrinks a long context.
 *
 * @param enabled whether the stage runs at all
 * @param method how older turns are shrunk
 * @param minPromptTokens prompts at or below this many tokens pass untouched
 * @param keepLastTurns rounds kept verbatim before the current one (which is always kept)
 * @param tiers the tiers whose models get compressed prompts (the expensive ones)
 * @param targetRatio extractive: drop older turns until the prompt is at most this share of
 *     its original tokens (or nothing older is left)
 * @param sentenceKeepShare extractive: the share of older sentences kept by relevance
 * @param summaryModel summary: the model alias that writes summaries (a small-tier model)
 * @param summaryMaxTokens summary: the longest summary asked for
 * @param cachedSummaries summary: how many summaries are kept in memory
 */
public record CompressionSettings(
    boolean enabled,
    CompressionMethod method,
    int minPromptTokens,
    int keepLastTurns,
    Set<Tier> tiers,
    double targetRatio,
    double sentenceKeepShare,
    Optional<String> summaryModel,
    int summaryMaxTokens,
    int cachedSummaries) {

  public static final int DEFAULT_MIN_PROMPT_TOKENS = 8000;
  public static final int DEFAULT_KEEP_LAST_TURNS = 1;
  public static final double DEFAULT_TARGET_RATIO = 0.4;
  public static final double DEFAULT_SENTENCE_KEEP_SHARE = 0.5;
  public static final int DEFAULT_SUMMARY_MAX_TOKENS = 300;
  public static final int DEFAULT_CACHED_SUMMARIES = 10_000;

  public CompressionSettings {
    Objects.requireNonNull(method, "method");
    tiers = tiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tiers));
    Objects.requireNonNull(summaryModel, "summaryModel");
    if (minPromptTokens < 0 || keepLastTurns < 0 || summaryMaxTokens < 1 || cachedSummaries < 1) {
      throw new IllegalArgumentException("compression settings: counts must be positive");
    }
    if (!(targetRatio > 0 && targetRatio <= 1) || !(sentenceKeepShare > 0
        && sentenceKeepShare <= 1)) {
      throw new IllegalArgumentException(
          "compression settings: target_ratio and sentence_keep_share lie in (0, 1]");
    }
  }

  /** The stage switched off: every request passes untouched. */
  public static CompressionSettings disabled() {
    return defaults(false, CompressionMethod.EXTRACTIVE);
  }

  /** The defaults for {@code method}, on frontier models, from 8,000 prompt tokens. */
  public static CompressionSettings defaults(boolean enabled, CompressionMethod method) {
    return new CompressionSettings(enabled, method, DEFAULT_MIN_PROMPT_TOKENS,
        DEFAULT_KEEP_LAST_TURNS, Set.of(Tier.FRONTIER), DEFAULT_TARGET_RATIO,
        DEFAULT_SENTENCE_KEEP_SHARE, Optional.empty(), DEFAULT_SUMMARY_MAX_TOKENS,
        DEFAULT_CACHED_SUMMARIES);
  }

  public CompressionSettings withMethod(CompressionMethod newMethod) {
    return new CompressionSettings(enabled, newMethod, minPromptTokens, keepLastTurns, tiers,
        targetRatio, sentenceKeepShare, summaryModel, summaryMaxTokens, cachedSummaries);
  }

  public CompressionSettings withMinPromptTokens(int tokens) {
    return new CompressionSettings(enabled, method, tokens, keepLastTurns, tiers,
        targetRatio, sentenceKeepShare, summaryModel, summaryMaxTokens, cachedSummaries);
  }

  public CompressionSettings withSummaryModel(String alias) {
    return new CompressionSettings(enabled, method, minPromptTokens, keepLastTurns, tiers,
        targetRatio, sentenceKeepShare, Optional.of(alias), summaryMaxTokens, cachedSummaries);
  }

  /** Whether a prompt of {@code promptTokens} for a model of {@code tier} is compressed. */
  public boolean applies(Tier tier, long promptTokens) {
    return enabled && tiers.contains(tier) && promptTokens > minPromptTokens;
  }
}
