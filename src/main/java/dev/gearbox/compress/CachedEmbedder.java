package dev.gearbox.compress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gearbox.embed.Embedder;

/**
 * Remembers the vectors of recent texts. In an agent session every call resends the turns of
 * the calls before it, so the same sentences are ranked again and again; embedding each once
 * keeps the stage's cost flat as the session grows. Bounded (a vector is 1.5 KB).
 */
final class CachedEmbedder implements Embedder {
  private final Embedder embedder;
  private final Cache<String, float[]> vectors;

  CachedEmbedder(Embedder embedder, int maxEntries) {
    this.embedder = embedder;
    this.vectors = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  @Override
  public float[] embed(String text) {
    return vectors.get(text, embedder::embed);
  }

  @Override
  public int dimensions() {
    return embedder.dimensions();
  }

  @Override
  public String modelName() {
    return embedder.modelName();
  }
}
