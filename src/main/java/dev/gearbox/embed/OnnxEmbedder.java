package dev.gearbox.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * An ONNX sentence-embedding model run by ONNX Runtime inside the JVM (through langchain4j's
 * packaging, which bundles the model file and its tokenizer). Vectors are normalised here so
 * that callers may rely on unit length whatever the packaging does.
 *
 * <p>Note: the bundled MiniLM tokenizer keeps the first 128 word pieces of its input; text
 * beyond that does not change the vector. Callers that embed long prompts choose what to send.
 */
final class OnnxEmbedder implements Embedder {
  /** The model refuses blank input; blank prompts all share this one vector. */
  private static final String BLANK = "[empty]";

  private final EmbeddingModel model;
  private final String modelName;
  private final int dimensions;

  private OnnxEmbedder(EmbeddingModel model, String modelName) {
    this.model = model;
    this.modelName = modelName;
    this.dimensions = model.embed("dimensions").content().vector().length;
  }

  static OnnxEmbedder miniLm() {
    return new OnnxEmbedder(new SingleThreadedMiniLm(), "all-MiniLM-L6-v2-q");
  }

  @Override
  public float[] embed(String text) {
    float[] vector = model.embed(text.isBlank() ? BLANK : text).content().vector();
    return normalised(vector);
  }

  private static float[] normalised(float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return vector;
    }
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
    }
    return unit;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public String modelName() {
    return modelName;
  }
}
