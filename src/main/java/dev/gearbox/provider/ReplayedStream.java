package dev.gearbox.provider;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.wire.StreamReplay;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A whole answer handed out as the stream that would have carried it: for an upstream that was
 * asked to stream and sent its complete answer as JSON instead.
 */
final class ReplayedStream implements UpstreamStream {
  /** Pieces of text per event: the answer is all here, so only SSE line length matters. */
  private static final int CHARS_PER_DELTA = 256;

  private final Deque<StreamEvent> events;
  private boolean closed;

  ReplayedStream(ChatResponse answer) {
    this.events = new ArrayDeque<>(StreamReplay.of(answer, CHARS_PER_DELTA));
  }

  @Override
  public Optional<StreamEvent> next() {
    if (closed) {
      throw new IllegalStateException("the stream was closed");
    }
    return Optional.ofNullable(events.poll());
  }

  @Override
  public void close() {
    closed = true;
  }
}
