package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * OpenAI-compatible chunk streams to canonical events.
 *
 * <p>Servers differ in small ways this reader absorbs: usage may ride on any chunk (OpenAI sends
 * it on a last chunk with empty {@code choices}); a tool call's fragments are matched by their
 * {@code index}, or by order when a server omits it; a call whose name arrives after its first
 * argument fragment is held back until it can be announced. A body that ends without
 * {@code [DONE]} after every choice gave its finish reason is complete (several servers and
 * proxies close the connection there); one that ends before may be cut short, so
 * {@link #finish()} fails.
 */
final class OpenAiStreamReader implements StreamReader {
  private static final String WHAT = "an upstream stream chunk";

  private boolean started;
  private boolean done;
  private final Map<Integer, ChoiceState> choices = new TreeMap<>();
  private Optional<Usage> usage = Optional.empty();
  private Optional<ObjectNode> opening = Optional.empty();

  @Override
  public List<StreamEvent> read(SseEvent event) {
    if (done) {
      return List.of();
    }
    String data = event.data().strip();
    if (data.equals("[DONE]")) {
      done = true;
      return closing();
    }
    ObjectNode chunk = JsonBody.parseUpstream(data, WHAT);
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      throw UpstreamErrors.fromStream(error, data).toException();
    }
    return UpstreamShape.read(WHAT, () -> chunk(chunk));
  }

  @Override
  public List<StreamEvent> finish() {
    if (done) {
      return List.of();
    }
    if (!choices.isEmpty() && choices.values().stream().allMatch(c -> c.finished)) {
      done = true;
      return closing();
    }
    throw new GatewayError.UpstreamUnreachable(
        "the upstream stream ended early, before its [DONE] terminator").toException();
  }

  private List<StreamEvent> chunk(ObjectNode chunk) {
    List<StreamEvent> events = new ArrayList<>();
    if (!started && carriesNothing(chunk)) {
      // Azure OpenAI opens with content-filter results, without id, model or choices: the
      // answer's own chunks say what it is. Kept in case no such chunk follows.
      opening = Optional.of(chunk);
      return events;
    }
    start(chunk, events);
    Fields.optObject(chunk, "usage", "").ifPresent(u -> usage = Optional.of(
        OpenAiResponses.usage(u)));
    Fields.optArray(chunk, "choices", "").ifPresent(array -> {
      for (int i = 0; i < array.size(); i++) {
        ObjectNode choice = Fields.object(array.get(i), Fields.index("choices", i));
        int index = Fields.optInt(choice, "index", Fields.index("choices", i), 0).orElse(0);
        choices.computeIfAbsent(index, ChoiceState::new)
            .read(choice, Fields.index("choices", i), events);
      }
    });
    return events;
  }

  private void start(ObjectNode chunk, List<StreamEvent> events) {
    if (started) {
      return;
    }
    started = true;
    events.add(new StreamEvent.Started(
        Fields.optString(chunk, "id", "").orElse(""),
        Fields.optString(chunk, "model", "").orElse(""),
        Fields.optLong(chunk, "created", "").orElse(0),
        Usage.NONE));
  }

  private static boolean carriesNothing(ObjectNode chunk) {
    JsonNode choices = chunk.get("choices");
    JsonNode usage = chunk.get("usage");
    return (choices == null || choices.isEmpty()) && (usage == null || usage.isNull());
  }

  private List<StreamEvent> closing() {
    List<StreamEvent> events = new ArrayList<>();
    opening.ifPresent(chunk -> start(chunk, events));
    if (!started) {
      throw UpstreamShape.failed("the upstream stream ended without sending any chunk");
    }
    if (choices.isEmpty()) {
      events.add(new StreamEvent.Finished(0, FinishReason.STOP));
    }
    for (ChoiceState choice : choices.values()) {
      choice.finish(Optional.empty(), events);
    }
    usage.ifPresent(u -> events.add(new StreamEvent.UsageReported(u)));
    events.add(new StreamEvent.Completed());
    return events;
  }

  /** One choice's progress: its tool calls by upstream index, and whether it finished. */
  private static final class ChoiceState {
    private final int index;
    private final Map<Integer, ToolState> tools = new TreeMap<>();
    private int lastUpstreamIndex = -1;
    private final Set<String> ids = new HashSet<>();
    private boolean finished;

    ChoiceState(int index) {
      this.index = index;
    }

    void read(ObjectNode choice, String param, List<StreamEvent> events) {
      ObjectNode delta = choice.get("delta") instanceof ObjectNode d ? d : Json.NODES.objectNode();
      text(delta.get("content"), events);
      text(delta.get("refusal"), events);
      JsonNode calls = delta.get("tool_calls");
      if (calls != null && calls.isArray()) {
        calls.forEach(call -> toolFragment(call, events));
      }
      Fields.optString(choice, "finish_reason", param)
          .ifPresent(r -> finish(Optional.of(FinishReasons.fromOpenAi(r)),
              FinishReasons.openAiStopSequence(choice), events));
    }

    private void text(JsonNode text, List<StreamEvent> events) {
      if (text != null && text.isTextual() && !text.textValue().isEmpty() && !finished) {
        events.add(new StreamEvent.TextDelta(index, text.textValue()));
      }
    }

    private void toolFragment(JsonNode call, List<StreamEvent> events) {
      int upstream = call.has("index") ? call.path("index").asInt()
          : call.hasNonNull("id") || lastUpstreamIndex < 0 ? tools.size() : lastUpstreamIndex;
      lastUpstreamIndex = upstream;
      ToolState tool = tools.computeIfAbsent(upstream, u -> new ToolState(tools.size()));
      JsonNode function = call.path("function");
      if (call.path("id").isTextual() && !call.get("id").asText().isBlank()
          && tool.id.isEmpty()) {
        tool.id = Optional.of(call.get("id").asText());
      }
      if (function.hasNonNull("name") && tool.name.isEmpty()) {
        tool.name = Optional.of(function.get("name").asText());
      }
      JsonNode arguments = function.get("arguments");
      String fragment = arguments == null || arguments.isNull() ? ""
          : arguments.isTextual() ? arguments.textValue() : arguments.toString();
      tool.pending.append(fragment);
      tool.flush(index, ids, events);
    }

    void finish(Optional<FinishReason> reason, List<StreamEvent> events) {
      finish(reason, Optional.empty(), events);
    }

    void finish(Optional<FinishReason> reason, Optional<String> stopSequence,
        List<StreamEvent> events) {
      if (finished) {
        return;
      }
      for (ToolState tool : tools.values()) {
        if (!tool.announced) {
          throw UpstreamShape.failed("the upstream stream sent a tool call without a name");
        }
      }
      finished = true;
      FinishReason said = FinishReasons.ofTurn(reason.orElse(FinishReason.STOP), !tools.isEmpty());
      events.add(new StreamEvent.Finished(index, said, stopSequence));
    }
  }

  /** A tool call being streamed; its fragments wait in {@code pending} until it has a name. */
  private static final class ToolState {
    private final int canonicalIndex;
    private Optional<String> id = Optional.empty();
    private Optional<String> name = Optional.empty();
    private final StringBuilder pending = new StringBuilder();
    private boolean announced;

    ToolState(int canonicalIndex) {
      this.canonicalIndex = canonicalIndex;
    }

    void flush(int choice, Set<String> taken, List<StreamEvent> events) {
      if (!announced && name.isPresent()) {
        announced = true;
        String callId = ToolUseIds.orMinted(id.orElse(""), taken);
        events.add(new StreamEvent.ToolCallStarted(choice, canonicalIndex, callId, name.get()));
      }
      if (announced && !pending.isEmpty()) {
        events.add(new StreamEvent.ToolCallArguments(choice, canonicalIndex, pending.toString()));
        pending.setLength(0);
      }
    }
  }
}
