package dev.gearbox.model;

import java.util.Objects;

/** One part of a message's content. Closed set: every codec handles each kind explicitly. */
public sealed interface ContentPart {

  /**
   * Plain text. {@code cacheBreakpoint} marks where the client asked a provider's prompt cache to
   * end a cached prefix (Anthropic's {@code cache_control}); it never changes the answer, but
   * dropping it makes every call pay for its whole prompt again.
   */
  record Text(String text, boolean cacheBreakpoint) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }

    public Text(String text) {
      this(text, false);
    }
  }

  /**
   * An image, either a remote URL or inline data. Inline data is kept as base64 with its media
   * type so both wire formats (OpenAI data URIs, Anthropic base64 sources) round-trip exactly.
   */
  record Image(String url, String mediaType, String base64Data, String detail)
      implements ContentPart {
    public Image {
      if ((url == null) == (base64Data == null)) {
        throw new IllegalArgumentException("an image has either a url or inline data");
      }
    }

    public static Image ofUrl(String url) {
      return new Image(url, null, null, null);
    }

    public static Image inline(String mediaType, String base64Data) {
      return new Image(null, mediaType, base64Data, null);
    }

    public boolean isInline() {
      return base64Data != null;
    }
  }

  /**
   * Reasoning the model did before answering (Anthropic's {@code thinking} block), with the
   * {@code signature} that lets the upstream verify it when a client replays it. It is never
   * part of a message's text.
   */
  record Thinking(String text, String signature) implements ContentPart {
    public Thinking {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** Reasoning the upstream returned encrypted (Anthropic's {@code redacted_thinking}). */
  record RedactedThinking(String data) implements ContentPart {
    public RedactedThinking {
      Objects.requireNonNull(data, "data");
    }
  }
}
