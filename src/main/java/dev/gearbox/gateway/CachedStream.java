package dev.gearbox.gateway;

import dev.gearbox.model.StreamEvent;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A cached answer replayed as a stream ({@link dev.gearbox.wire.StreamReplay}): the events a live
 * upstream would have sent, with no upstream behind them. {@link #close()} records the hit once,
 * as 499 when the client left before the end.
 */
final class CachedStream implements StreamingCall {
  /** Records the hit with the HTTP status the client saw. */
  interface HitRecorder {
    void record(int status);
  }

  private final Iterator<StreamEvent> events;
  private final Decision decision;
  private final HitRecorder recorder;
  private boolean clientGone;
  private boolean closed;

  CachedStream(List<StreamEvent> events, Decision decision, HitRecorder recorder) {
    this.events = List.copyOf(events).iterator();
    this.decision = decision;
    this.recorder = recorder;
  }

  @Override
  public Decision decision() {
    return decision;
  }

  @Override
  public Optional<StreamEvent> next() {
    return events.hasNext() ? Optional.of(events.next()) : Optional.empty();
  }

  @Override
  public void clientGone() {
    clientGone = true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    recorder.record(clientGone ? RecordedStream.CLIENT_CLOSED_REQUEST : 200);
  }
}
