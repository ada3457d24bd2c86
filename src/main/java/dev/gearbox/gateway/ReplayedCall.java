package dev.gearbox.gateway;

import dev.gearbox.model.StreamEvent;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A streamed answer that was complete (and recorded) before the first byte went out: the
 * cascade's validated answer, replayed as the event sequence that would have produced it.
 */
final class ReplayedCall implements StreamingCall {
  private final Iterator<StreamEvent> events;
  private final Decision decision;

  ReplayedCall(List<StreamEvent> events, Decision decision) {
    this.events = List.copyOf(events).iterator();
    this.decision = decision;
  }

  @Override
  public Decision decision() {
    return decision;
  }

  @Override
  public Optional<StreamEvent> next() {
    return events.hasNext() ? Optional.of(events.next()) : Optional.empty();
  }

  /** The call was recorded in full before the replay began; nothing more to note. */
  @Override
  public void clientGone() {}

  @Override
  public void close() {}
}
