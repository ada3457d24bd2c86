package dev.gearbox.cache;

import java.util.Objects;

/**
 * How the semantic cache decides.
 *
 * @param threshold the least cosine similarity of a neighbour that may serve, calibrated on
 *     labelled pairs to a false-hit bound (see {@link Calibration})
 * @param temperaturePolicy whether sampling requests may be served by a neighbour
 * @param neighbours how many neighbours above the threshold are offered to the guards, best
 *     first; the first one every guard accepts serves
 * @param maxPromptChars longer prompts are not looked up semantically: the embedding model reads
 *     only its first 128 word pieces (about 400 characters of English), and two long prompts that
 *     share their beginning would look identical to it
 */
public record SemanticSettings(
    double threshold, TemperaturePolicy temperaturePolicy, int neighbours, int maxPromptChars) {
  public static final int DEFAULT_NEIGHBOURS = 4;
  public static final int DEFAULT_MAX_PROMPT_CHARS = 400;

  public SemanticSettings {
    Objects.requireNonNull(temperaturePolicy, "temperaturePolicy");
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("a similarity threshold is in (0, 1], got " + threshold);
    }
    if (neighbours < 1 || maxPromptChars < 1) {
      throw new IllegalArgumentException("neighbours and maxPromptChars must be positive");
    }
  }

  public static SemanticSettings of(double threshold, TemperaturePolicy policy) {
    return new SemanticSettings(threshold, policy, DEFAULT_NEIGHBOURS, DEFAULT_MAX_PROMPT_CHARS);
  }
}
