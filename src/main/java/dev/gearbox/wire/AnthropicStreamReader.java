package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Anthropic Messages streams to canonical events.
 *
 * <p>Input usage comes with {@code message_start}, output usage (and, from newer API versions,
 * updated input counts) with {@code message_delta}; both are merged into the one UsageReported
 * emitted at {@code message_stop}, the stream's terminator. Text, thinking and tool_use blocks
 * are followed by their index (a thinking block's {@code signature_delta} ends it as a
 * ThinkingSignature); redacted_thinking comes whole with its start; other blocks (server tools)
 * are read past.
 */
final class AnthropicStreamReader implements StreamReader {
  private static final String WHAT = "an upstream stream event";

  private enum Block { TEXT, THINKING, TOOL, OTHER }

  private record OpenBlock(Block kind, int toolIndex) {}

  private final Clock clock;
  private boolean started;
  private boolean done;
  private final Map<Integer, OpenBlock> blocks = new HashMap<>();
  private int nextToolIndex;
  private Optional<FinishReason> reason = Optional.empty();
  private Optional<String> stopSequence = Optional.empty();
  private Optional<JsonNode> startUsage = Optional.empty();
  private Optional<JsonNode> deltaUsage = Optional.empty();

  AnthropicStreamReader(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<StreamEvent> read(SseEvent event) {
    if (done) {
      return List.of();
    }
    ObjectNode data = JsonBody.parseUpstream(event.data(), WHAT);
    String type = data.path("type").asText(event.event().orElse(""));
    if (type.equals("error")) {
      throw UpstreamErrors.fromStream(data.path("error"), event.data()).toException();
    }
    if (!started && !type.equals("message_start") && !type.equals("ping")) {
      throw UpstreamShape.failed("the upstream stream did not begin with message_start");
    }
    return UpstreamShape.read(WHAT, () -> dispatch(type, data));
  }

  @Override
  public List<StreamEvent> finish() {
    if (done) {
      return List.of();
    }
    throw new GatewayError.UpstreamUnreachable(
        "the upstream stream ended early, before message_stop").toException();
  }

  private List<StreamEvent> dispatch(String type, ObjectNode data) {
    return switch (type) {
      case "message_start" -> start(Fields.reqObject(data, "message", ""));
      case "content_block_start" -> blockStart(data);
      case "content_block_delta" -> blockDelta(data);
      case "message_delta" -> messageDelta(data);
      case "message_stop" -> stop();
      default -> List.of();
    };
  }

  private List<StreamEvent> start(ObjectNode message) {
    if (started) {
      throw UpstreamShape.failed("the upstream stream sent message_start twice");
    }
    started = true;
    startUsage = Fields.optObject(message, "usage", "message").map(u -> u);
    Usage prompt = startUsage.map(AnthropicResponses::usage).map(StreamReplay::promptPart)
        .orElse(Usage.NONE);
    return List.of(new StreamEvent.Started(
        Fields.optString(message, "id", "message").orElse(""),
        Fields.optString(message, "model", "message").orElse(""),
        clock.instant().getEpochSecond(),
        prompt));
  }

  private List<StreamEvent> blockStart(ObjectNode data) {
    int index = data.path("index").asInt();
    ObjectNode block = Fields.reqObject(data, "content_block", "");
    List<StreamEvent> events = new ArrayList<>();
    switch (block.path("type").asText()) {
      case "text" -> {
        blocks.put(index, new OpenBlock(Block.TEXT, -1));
        text(block.path("text").asText(""), events);
      }
      case "tool_use" -> {
        int tool = nextToolIndex++;
        blocks.put(index, new OpenBlock(Block.TOOL, tool));
        events.add(new StreamEvent.ToolCallStarted(0, tool,
            Fields.reqString(block, "id", "content_block"),
            Fields.reqString(block, "name", "content_block")));
        JsonNode input = block.path("input");
        if (input.isObject() && !input.isEmpty()) {
          events.add(new StreamEvent.ToolCallArguments(0, tool, input.toString()));
        }
      }
      case "thinking" -> {
        blocks.put(index, new OpenBlock(Block.THINKING, -1));
        thinking(block.path("thinking").asText(""), events);
        signature(block.path("signature").asText(""), events);
      }
      case "redacted_thinking" -> {
        blocks.put(index, new OpenBlock(Block.OTHER, -1));
        events.add(new StreamEvent.RedactedThinking(0,
            Fields.reqString(block, "data", "content_block")));
      }
      default -> blocks.put(index, new OpenBlock(Block.OTHER, -1));
    }
    return events;
  }

  private List<StreamEvent> blockDelta(ObjectNode data) {
    OpenBlock block = blocks.get(data.path("index").asInt());
    if (block == null) {
      throw UpstreamShape.failed("the upstream stream sent a delta for a block it never opened");
    }
    JsonNode delta = data.path("delta");
    List<StreamEvent> events = new ArrayList<>();
    switch (block.kind()) {
      case TEXT -> text(delta.path("text").asText(""), events);
      case THINKING -> {
        thinking(delta.path("thinking").asText(""), events);
        signature(delta.path("signature").asText(""), events);
      }
      case TOOL -> {
        String fragment = delta.path("partial_json").asText("");
        if (!fragment.isEmpty()) {
          events.add(new StreamEvent.ToolCallArguments(0, block.toolIndex(), fragment));
        }
      }
      case OTHER -> { }
    }
    return events;
  }

  private static void text(String text, List<StreamEvent> events) {
    if (!text.isEmpty()) {
      events.add(new StreamEvent.TextDelta(0, text));
    }
  }

  private static void thinking(String text, List<StreamEvent> events) {
    if (!text.isEmpty()) {
      events.add(new StreamEvent.ThinkingDelta(0, text));
    }
  }

  private static void signature(String signature, List<StreamEvent> events) {
    if (!signature.isEmpty()) {
      events.add(new StreamEvent.ThinkingSignature(0, signature));
    }
  }

  private List<StreamEvent> messageDelta(ObjectNode data) {
    JsonNode stop = data.path("delta").path("stop_reason");
    if (stop.isTextual()) {
      reason = Optional.of(FinishReasons.fromAnthropic(stop.textValue()));
      stopSequence = FinishReasons.anthropicStopSequence(data.path("delta"));
    }
    if (data.path("usage").isObject()) {
      deltaUsage = Optional.of(data.get("usage"));
    }
    return List.of();
  }

  private List<StreamEvent> stop() {
    done = true;
    FinishReason said = FinishReasons.ofTurn(reason.orElse(FinishReason.STOP), nextToolIndex > 0);
    List<StreamEvent> events = new ArrayList<>();
    events.add(new StreamEvent.Finished(0, said, stopSequence));
    if (startUsage.isPresent() || deltaUsage.isPresent()) {
      events.add(new StreamEvent.UsageReported(mergedUsage()));
    }
    events.add(new StreamEvent.Completed());
    return events;
  }

  /** message_start's counts, overridden by any that message_delta restated. */
  private Usage mergedUsage() {
    ObjectNode merged = Json.NODES.objectNode();
    startUsage.ifPresent(u -> merged.setAll((ObjectNode) u));
    deltaUsage.ifPresent(u -> u.properties().forEach(e -> {
      if (!e.getValue().isNull()) {
        merged.set(e.getKey(), e.getValue());
      }
    }));
    return AnthropicResponses.usage(merged);
  }
}
