package dev.gearbox.route;

import java.util.Locale;

/**
 * The words of a prompt as a fixed-length vector: every word and every pair of adjacent words
 * is hashed into one of {@code buckets} slots with a hashed sign (the "hashing trick"), counts
 * are damped by log(1 + |count|), and the vector is scaled to unit length. Costs one pass over
 * the text and no model: tens of microseconds for a chat prompt.
 *
 * <p>Why words rather than the MiniLM embedding for routing: on this machine MiniLM costs about
 * 0.27 ms per word piece on one core (35 ms for its 128-piece window), which alone breaks a
 * 10 ms routing budget, while the classifier on these terms recovered as much of the quality
 * gap (5-fold APGR with soft labels: GSM8K 0.666 against 0.664 on the embedding, MMLU-Pro
 * 0.562 against 0.560; both together 0.677 and 0.566). It loses on MT-Bench's 160 varied turns
 * (0.628 against 0.694 with both), where a pretrained vector needs fewer examples. 1,024
 * slots: 2,048 and 4,096 changed APGR by under 0.003, and character 4-grams beside the words
 * did not help (MMLU-Pro 0.562, GSM8K 0.655). Every word of the prompt counts, however long
 * it is: no 128-piece cut.
 *
 * <p>Deterministic across JVMs: {@link String#hashCode()} is fixed by the language
 * specification, so a router file trained anywhere scores the same everywhere.
 */
public final class PromptTerms {
  /** The slots of the bundled router's vectors. */
  public static final int DEFAULT_BUCKETS = 1024;

  private PromptTerms() {}

  /** The unit-length term vector of {@code text} in {@code buckets} slots (zero for no words). */
  public static double[] of(String text, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("need at least one bucket, got " + buckets);
    }
    double[] counts = new double[buckets];
    String previous = null;
    for (String word : words(text)) {
      add(counts, word);
      if (previous != null) {
        add(counts, previous + ' ' + word);
      }
      previous = word;
    }
    return dampedUnit(counts);
  }

  private static String[] words(String text) {
    String[] parts = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    return java.util.Arrays.stream(parts).filter(w -> !w.isEmpty()).toArray(String[]::new);
  }

  private static void add(double[] counts, String term) {
    int h = term.hashCode() * 0x9E3779B9;
    h ^= h >>> 15;
    counts[Math.floorMod(h, counts.length)] += h < 0 ? -1 : 1;
  }

  private static double[] dampedUnit(double[] counts) {
    double norm = 0;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = Math.signum(counts[i]) * Math.log1p(Math.abs(counts[i]));
      norm += counts[i] * counts[i];
    }
    if (norm > 0) {
      double scale = 1 / Math.sqrt(norm);
      for (int i = 0; i < counts.length; i++) {
        counts[i] *= scale;
      }
    }
    return counts;
  }
}
