package dev.gearbox.model;

import java.util.Objects;

/**
 * Token counts of one call. {@code inputTokens} counts every prompt token including the cached
 * ones and cache writes (the OpenAI convention); {@code cachedInputTokens} and {@code
 * cacheWriteTokens} say how many of them were read from or written to the provider's prompt
 * cache. {@code reasoningTokens} are part of {@code outputTokens}.
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long cacheWriteTokens,
    long reasoningTokens,
    UsageSource source) {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0, UsageSource.NONE);

  public Usage {
    Objects.requireNonNull(source, "source");
    if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0
        || reasoningTokens < 0) {
      throw new IllegalArgumentException("token counts are never negative");
    }
    if (cachedInputTokens + cacheWriteTokens > inputTokens) {
      throw new IllegalArgumentException("cached and cache-write tokens are part of input tokens");
    }
  }

  public static Usage upstream(long inputTokens, long outputTokens) {
    return new Usage(inputTokens, outputTokens, 0, 0, 0, UsageSource.UPSTREAM);
  }

  public static Usage counted(long inputTokens, long outputTokens) {
    return new Usage(inputTokens, outputTokens, 0, 0, 0, UsageSource.COUNTED);
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Input tokens billed at the full input price: neither read from nor written to a cache. */
  public long uncachedInputTokens() {
    return inputTokens - cachedInputTokens - cacheWriteTokens;
  }
}
