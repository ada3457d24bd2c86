package dev.gearbox.gateway;

import dev.gearbox.embed.Embedder;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.route.PromptVector;
import java.util.Objects;

/**
 * The embedding of one request's prompt (its last user message), computed at most once and
 * only when a stage asks for it: the semantic cache and the router share it, and a request
 * routed by rules alone never pays for it. Thread-safe.
 */
public final class PromptEmbedding {
  private final Embedder embedder;
  private final String text;
  private volatile float[] vector;

  private PromptEmbedding(Embedder embedder, String text) {
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.text = Objects.requireNonNull(text, "text");
  }

  /** The (not yet computed) embedding of {@code request}'s last user message. */
  public static PromptEmbedding of(Embedder embedder, ChatRequest request) {
    return new PromptEmbedding(embedder, request.lastUserText().orElse(""));
  }

  /** The text that is embedded. */
  public String text() {
    return text;
  }

  /** The unit vector; computed on the first call (see {@link PromptVector}). */
  public float[] vector() {
    float[] v = vector;
    if (v == null) {
      synchronized (this) {
        v = vector;
        if (v == null) {
          v = PromptVector.of(embedder, text);
          vector = v;
        }
      }
    }
    return v;
  }

  public boolean computed() {
    return vector != null;
  }

  public String modelName() {
    return embedder.modelName();
  }
}
