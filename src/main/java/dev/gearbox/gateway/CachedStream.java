package dev.gearbox.gateway;

import dev.gearbox.model.StreamEvent;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A cached answer replayed as a stream ({@link dev.gearbox.wire.StreamReplay}): the events a live
 * upstream would have sent, with no upstream behind them. As with a live stream, the hit is
 * recorded (audit, then ledger) before the Completed event reaches the client, and a failure to
 * audit withholds that event; {@link #close()} records a replay the client left early (499).
 */
final class CachedStream implements StreamingCall {
  /** Records the hit with the HTTP status the client saw; may refuse a served one (audit). */
  interface HitRecorder {
    void record(int status);
  }

  private final Iterator<StreamEvent> events;
  private final Decision decision;
  private final HitRecorder recorder;
  private boolean recorded;

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
    if (!events.hasNext()) {
      return Optional.empty();
    }
    StreamEvent event = events.next();
    if (event instanceof StreamEvent.Completed) {
      recorded = true;
      recorder.record(200);
    }
    return Optional.of(event);
  }

  @Override
  public void clientGone() {}

  @Override
  public void close() {
    if (!recorded) {
      recorded = true;
      recorder.record(RecordedStream.CLIENT_CLOSED_REQUEST);
    }
  }
}
