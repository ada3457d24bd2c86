package dev.gearbox.wire;

import dev.gearbox.model.StreamEvent;
import java.time.Clock;
import java.util.List;

/**
 * Turns an upstream's SSE events into a well-formed canonical stream: exactly one
 * {@link StreamEvent.Started} first, then deltas, {@link StreamEvent.Finished} per choice, at most
 * one {@link StreamEvent.UsageReported}, then {@link StreamEvent.Completed}. A reader follows one
 * stream and is not thread-safe.
 */
public interface StreamReader {

  /** A reader of OpenAI-compatible chunk streams (OpenAI, vLLM, llama.cpp, Ollama, TGI). */
  static StreamReader openAi() {
    return new OpenAiStreamReader();
  }

  /** A reader of Anthropic Messages streams; creation times are read from the system clock. */
  static StreamReader anthropic() {
    return anthropic(Clock.systemUTC());
  }

  /** A reader of Anthropic Messages streams, which carry no creation time of their own. */
  static StreamReader anthropic(Clock clock) {
    return new AnthropicStreamReader(clock);
  }

  /**
   * The canonical events this upstream event yields, possibly none.
   *
   * @throws dev.gearbox.model.GatewayException carrying the matching error when the upstream
   *     sent an error inside the stream, or {@code UpstreamFailed} when an event is malformed
   */
  List<StreamEvent> read(SseEvent event);

  /**
   * Ends the body: returns what is still owed (nothing when the terminator was seen).
   *
   * @throws dev.gearbox.model.GatewayException {@code UpstreamUnreachable} when the body ended
   *     before the upstream's terminator ("stream ended early")
   */
  List<StreamEvent> finish();
}
