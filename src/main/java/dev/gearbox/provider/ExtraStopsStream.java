package dev.gearbox.provider;

import dev.gearbox.model.FinishReason;
import dev.gearbox.model.StreamEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stream ended at {@link ExtraStops} the way {@link ExtraStops#apply} ends a whole answer. Text
 * that could be the start of a stop sequence is held back until the next delta shows whether it
 * is; once a choice has met one, its later text and tool calls are dropped and its finish says
 * which sequence ended it. A choice that started a tool call is passed on unchanged from there.
 */
final class ExtraStopsStream implements UpstreamStream {
  private final UpstreamStream upstream;
  private final ExtraStops stops;
  private final Map<Integer, ChoiceCut> choices = new HashMap<>();
  private final Deque<StreamEvent> ready = new ArrayDeque<>();

  ExtraStopsStream(UpstreamStream upstream, ExtraStops stops) {
    this.upstream = upstream;
    this.stops = stops;
  }

  @Override
  public Optional<StreamEvent> next() {
    while (ready.isEmpty()) {
      Optional<StreamEvent> next = upstream.next();
      if (next.isEmpty()) {
        return next;
      }
      accept(next.get());
    }
    return Optional.of(ready.poll());
  }

  private void accept(StreamEvent event) {
    switch (event) {
      case StreamEvent.TextDelta d -> choice(d.choiceIndex()).text(d.text());
      case StreamEvent.ToolCallStarted t -> choice(t.choiceIndex()).other(t);
      case StreamEvent.ToolCallArguments a -> choice(a.choiceIndex()).other(a);
      case StreamEvent.Finished f -> choice(f.choiceIndex()).finish(f);
      default -> ready.add(event);
    }
  }

  private ChoiceCut choice(int index) {
    return choices.computeIfAbsent(index, ChoiceCut::new);
  }

  @Override
  public void close() {
    upstream.close();
  }

  private final class ChoiceCut {
    private final int index;
    private final StringBuilder held = new StringBuilder();
    private Optional<String> stoppedAt = Optional.empty();
    private boolean calling;

    ChoiceCut(int index) {
      this.index = index;
    }

    void text(String text) {
      if (stoppedAt.isPresent()) {
        return;
      }
      if (calling) {
        ready.add(new StreamEvent.TextDelta(index, text));
        return;
      }
      held.append(text);
      Optional<ExtraStops.Match> match = stops.find(held, 0);
      if (match.isPresent()) {
        emit(held.substring(0, match.get().at()));
        held.setLength(0);
        stoppedAt = Optional.of(match.get().stop());
        return;
      }
      int keep = stops.heldBack(held);
      emit(held.substring(0, held.length() - keep));
      held.delete(0, held.length() - keep);
    }

    void other(StreamEvent event) {
      if (stoppedAt.isPresent()) {
        return;
      }
      flush();
      calling = true;
      ready.add(event);
    }

    void finish(StreamEvent.Finished finished) {
      if (stoppedAt.isPresent()) {
        ready.add(new StreamEvent.Finished(index, FinishReason.STOP, stoppedAt));
        return;
      }
      flush();
      ready.add(finished);
    }

    private void flush() {
      emit(held.toString());
      held.setLength(0);
    }

    private void emit(String text) {
      if (!text.isEmpty()) {
        ready.add(new StreamEvent.TextDelta(index, text));
      }
    }
  }
}
