package dev.gearbox.gateway;

import dev.gearbox.embed.Embedder;
import dev.gearbox.model.ChatRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The embedding of a request's last user message, computed at most once per request and only
 * when a stage asks for it. The semantic cache and the router's classifier share it, so a request
 * pays for one embedding whichever stages need one. Not thread-safe: one request, one thread.
 */
public final class PromptEmbedding {
  private final Supplier<Embedder> embedder;
  private final Optional<String> text;
  private float[] vector;

  private PromptEmbedding(Supplier<Embedder> embedder, Optional<String> text) {
    this.embedder = embedder;
    this.text = text;
  }

  /**
   * @param embedder the embedder, asked for only when the vector is first needed (so that a
   *     gateway whose stages never embed never loads the model)
   */
  public static PromptEmbedding of(ChatRequest request, Supplier<Embedder> embedder) {
    Objects.requireNonNull(embedder, "embedder");
    return new PromptEmbedding(embedder, request.lastUserText());
  }

  /** The last user message, when the conversation has one. */
  public Optional<String> text() {
    return text;
  }

  /** The unit vector of {@link #text()} (of "" when there is none), computed on first use. */
  public float[] vector() {
    if (vector == null) {
      vector = embedder.get().embed(text.orElse(""));
    }
    return vector;
  }

  /** Whether a stage has already paid for the vector. */
  public boolean computed() {
    return vector != null;
  }
}
