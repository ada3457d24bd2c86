package dev.gearbox.compress;

import dev.gearbox.embed.Embedder;
import java.util.function.Supplier;

/**
 * Loads the embedding model on first use. Loading it takes a second or two and a few tens of
 * megabytes; a gateway whose traffic never needs compression should not pay that at start-up.
 */
final class LazyEmbedder implements Embedder {
  private final Supplier<Embedder> loader;
  private volatile Embedder loaded;

  LazyEmbedder(Supplier<Embedder> loader) {
    this.loader = loader;
  }

  private Embedder model() {
    Embedder model = loaded;
    if (model == null) {
      synchronized (this) {
        if (loaded == null) {
          loaded = loader.get();
        }
        model = loaded;
      }
    }
    return model;
  }

  @Override
  public float[] embed(String text) {
    return model().embed(text);
  }

  @Override
  public int dimensions() {
    return model().dimensions();
  }

  @Override
  public String modelName() {
    return model().modelName();
  }
}
