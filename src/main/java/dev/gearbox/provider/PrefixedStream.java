package dev.gearbox.provider;

import dev.gearbox.model.StreamEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Replays events already pulled from a stream, in order, then continues with the stream. */
final class PrefixedStream implements UpstreamStream {
  private final Deque<StreamEvent> prefix;
  private final UpstreamStream rest;

  PrefixedStream(List<StreamEvent> prefix, UpstreamStream rest) {
    this.prefix = new ArrayDeque<>(prefix);
    this.rest = rest;
  }

  @Override
  public Optional<StreamEvent> next() {
    return prefix.isEmpty() ? rest.next() : Optional.of(prefix.poll());
  }

  @Override
  public void close() {
    rest.close();
  }
}
