package dev.gearbox.route;

import dev.gearbox.embed.Embedder;
import java.util.Locale;

/**
 * A small deterministic embedder for tests of routing logic: each word adds to one of 384
 * hashed dimensions, and the sum is normalised. Texts sharing words are similar, as with a
 * real model, without loading one. Counts its calls so tests can check what was embedded.
 */
public final class HashingEmbedder implements Embedder {
  private int calls;

  @Override
  public synchronized float[] embed(String text) {
    calls++;
    float[] v = new float[384];
    for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
      if (!word.isEmpty()) {
        v[Math.floorMod(word.hashCode(), v.length)] += 1;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / Math.sqrt(norm));
    }
    return v;
  }

  public synchronized int calls() {
    return calls;
  }

  @Override
  public int dimensions() {
    return 384;
  }

  @Override
  public String modelName() {
    return "hashing-test";
  }
}
