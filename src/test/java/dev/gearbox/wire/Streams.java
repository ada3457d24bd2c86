package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.StreamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Helpers that drive readers and writers over whole streams in tests. */
final class Streams {
  private Streams() {}

  /** Parses an SSE body and runs every event, then the end of body, through the reader. */
  static List<StreamEvent> read(StreamReader reader, String sseBody) {
    List<StreamEvent> events = new ArrayList<>();
    for (SseEvent event : Fixtures.events(sseBody)) {
      events.addAll(reader.read(event));
    }
    events.addAll(reader.finish());
    return events;
  }

  static String write(StreamWriter writer, List<StreamEvent> events) {
    StringBuilder body = new StringBuilder();
    events.forEach(e -> body.append(writer.write(e)));
    return body.toString();
  }

  static ChatResponse assemble(List<StreamEvent> events) {
    StreamAssembler assembler = new StreamAssembler();
    events.forEach(assembler::accept);
    return assembler.result();
  }

  /** The data of every SSE event of a body, parsed as JSON ([DONE] left out). */
  static List<JsonNode> jsonData(String sseBody) {
    List<JsonNode> data = new ArrayList<>();
    for (SseEvent event : Fixtures.events(sseBody)) {
      if (!event.data().equals("[DONE]")) {
        try {
          data.add(Json.MAPPER.readTree(event.data()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return data;
  }
}
