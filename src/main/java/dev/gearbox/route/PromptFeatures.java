package dev.gearbox.route;

import java.util.function.Supplier;

/**
 * Which inputs a router's prompt classifier reads, and so how its feature row is laid out: the
 * prompt's embedding (scaled by {@link RouterFeatures#EMBEDDING_SCALE}) when {@code embedding},
 * then its {@link PromptTerms} in {@code termBuckets} slots (scaled by
 * {@link RouterFeatures#TERM_SCALE}) when there are any, then the standardised
 * {@link PromptTraits}. Recorded in the router file, so a file is always scored the way it was
 * trained.
 *
 * <p>The bundled router reads terms and traits only ({@link #TERMS}): it then needs no
 * embedding, so routing costs microseconds and the embedding is computed only when the
 * semantic cache asks for it. Files of the first format read the embedding alone.
 */
public record PromptFeatures(boolean embedding, int termBuckets) {
  /** Terms and traits, no embedding: the default. */
  public static final PromptFeatures TERMS =
      new PromptFeatures(false, PromptTerms.DEFAULT_BUCKETS);
  /** The embedding, terms and traits. */
  public static final PromptFeatures EMBEDDING_AND_TERMS =
      new PromptFeatures(true, PromptTerms.DEFAULT_BUCKETS);
  /** The embedding and traits: what files of format {@code gearbox-router/1} hold. */
  static final PromptFeatures EMBEDDING_ONLY = new PromptFeatures(true, 0);

  public PromptFeatures {
    if (termBuckets < 0) {
      throw new IllegalArgumentException("term buckets must be >= 0, got " + termBuckets);
    }
    if (!embedding && termBuckets == 0) {
      throw new IllegalArgumentException("a router reads the embedding, the terms or both");
    }
  }

  /**
   * The feature row of one prompt. {@code vector} is asked for only when this layout reads the
   * embedding, so a router without one never pays for it.
   */
  public double[] row(Supplier<float[]> vector, String text, PromptTraits traits) {
    float[] embedded = embedding ? vector.get() : new float[0];
    double[] terms = termBuckets > 0 ? PromptTerms.of(text, termBuckets) : new double[0];
    double[] t = traits.features();
    double[] row = new double[embedded.length + terms.length + t.length];
    for (int i = 0; i < embedded.length; i++) {
      row[i] = embedded[i] * RouterFeatures.EMBEDDING_SCALE;
    }
    for (int i = 0; i < terms.length; i++) {
      row[embedded.length + i] = terms[i] * RouterFeatures.TERM_SCALE;
    }
    System.arraycopy(t, 0, row, embedded.length + terms.length, t.length);
    return row;
  }

  /** The row's columns before the traits: taken as they are, not standardised, in training. */
  public int fixedColumns(int embeddingDimensions) {
    return (embedding ? embeddingDimensions : 0) + termBuckets;
  }

  /** Names the layout in reports, e.g. "terms(1024) + traits". */
  public String describe() {
    String terms = termBuckets > 0 ? "terms(" + termBuckets + ") + " : "";
    return (embedding ? "embedding + " : "") + terms + "traits";
  }
}
