package dev.gearbox.provider;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds a fresh stream back until its first content (text or reasoning, or the start of a tool
 * call),
 * or until it finishes without any. Until then nothing has reached the client, so a failure is
 * still an ordinary failed attempt that may be retried or fall back; from then on the client
 * has part of an answer, and a failure must reach it as an error, never as a silent end.
 */
final class ContentGate {
  private ContentGate() {}

  /**
   * Pulls {@code stream} up to its first content and returns a stream that replays the pulled
   * events in order, then continues. Closes {@code stream} if this fails.
   *
   * @throws dev.gearbox.model.GatewayException the stream's failure before any content
   */
  static UpstreamStream open(UpstreamStream stream, String provider) {
    List<StreamEvent> pulled = new ArrayList<>();
    try {
      while (true) {
        Optional<StreamEvent> next = stream.next();
        if (next.isEmpty()) {
          throw new GatewayError.UpstreamUnreachable(
                  "upstream '%s' ended the stream before any content".formatted(provider))
              .toException();
        }
        pulled.add(next.get());
        if (opensAnswer(next.get())) {
          return new PrefixedStream(pulled, stream);
        }
      }
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /** Whether {@code event} is content: from it on the client holds part of an answer. */
  static boolean opensAnswer(StreamEvent event) {
    return switch (event) {
      case StreamEvent.TextDelta ignored -> true;
      case StreamEvent.ThinkingDelta ignored -> true;
      case StreamEvent.ThinkingSignature ignored -> true;
      case StreamEvent.RedactedThinking ignored -> true;
      case StreamEvent.ToolCallStarted ignored -> true;
      case StreamEvent.Finished ignored -> true;
      case StreamEvent.Completed ignored -> true;
      case StreamEvent.Started ignored -> false;
      case StreamEvent.ToolCallArguments ignored -> false;
      case StreamEvent.UsageReported ignored -> false;
    };
  }
}
