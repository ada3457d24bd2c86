package dev.gearbox.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * One server-sent event: its {@code event:} type when the stream named one (Anthropic does,
 * OpenAI does not) and its data lines joined with {@code "\n"}.
 */
public record SseEvent(Optional<String> event, String data) {
  public SseEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
  }

  public static SseEvent data(String data) {
    return new SseEvent(Optional.empty(), data);
  }

  public static SseEvent named(String event, String data) {
    return new SseEvent(Optional.of(event), data);
  }

  /** This event as wire text, one complete frame ending in a blank line. */
  public String toFrame() {
    StringBuilder frame = new StringBuilder();
    event.ifPresent(name -> frame.append("event: ").append(name).append('\n'));
    for (String line : data.split("\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return frame.append('\n').toString();
  }
}
