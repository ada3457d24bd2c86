package dev.gearbox.wire;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;

/**
 * Turns a canonical stream into the SSE text a client of one wire format expects. A writer
 * follows one stream: it remembers what it has opened (the role chunk, content blocks) so each
 * frame it returns is valid at that point of the stream.
 */
public interface StreamWriter {

  /**
   * A writer of OpenAI {@code chat.completion.chunk} frames ending in {@code data: [DONE]}.
   *
   * @param includeUsage whether the client asked for {@code stream_options.include_usage}: a
   *     final chunk with empty {@code choices} and the usage is then sent before [DONE]
   */
  static StreamWriter openAi(boolean includeUsage) {
    return new OpenAiStreamWriter(includeUsage);
  }

  /** A writer of Anthropic Messages stream events, from message_start to message_stop. */
  static StreamWriter anthropic() {
    return new AnthropicStreamWriter();
  }

  /**
   * The frames to send for this event now: zero or more complete SSE frames, each ending in a
   * blank line, or "" when the event only changes what later frames will say.
   *
   * @throws IllegalStateException when the events do not form a well-formed stream (see
   *     {@link StreamEvent})
   * @throws dev.gearbox.model.GatewayException {@code UpstreamFailed} when the events cannot be
   *     expressed in this format (the Anthropic format cannot interleave two tool calls)
   */
  String write(StreamEvent event);

  /** An error frame in this format, for a failure after the stream has begun. */
  String writeError(GatewayError error);
}
