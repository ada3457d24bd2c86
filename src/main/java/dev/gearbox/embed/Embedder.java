package dev.gearbox.embed;

/**
 * Turns text into a unit-length vector, in process: no network, the model is in the jar. One
 * embedding of a request's prompt serves both the semantic cache and the router, so this runs
 * at most once per request. Implementations are thread-safe.
 */
public interface Embedder {

  /** A unit-length vector (cosine similarity of two is their dot product). */
  float[] embed(String text);

  int dimensions();

  /** The model's name, recorded beside stored vectors so a model change is noticed. */
  String modelName();

  /** all-MiniLM-L6-v2, quantized ONNX: 384 dimensions. */
  static Embedder miniLm() {
    return OnnxEmbedder.miniLm();
  }

  /** Cosine similarity of two unit vectors. */
  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of different dimensions: " + a.length + " and " + b.length);
    }
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
