package dev.gearbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Canonical events as OpenAI {@code chat.completion.chunk} frames. Each choice's first chunk
 * carries {@code delta.role}; choice 0 gets it as soon as the stream starts, so a client sees
 * bytes before the first token. A tool call's first chunk carries its index, id, type and name
 * with empty arguments, later chunks only argument fragments, as OpenAI streams them. A call
 * that got no argument bytes by the time its choice finishes (a tool without parameters, which
 * the Messages API streams as an empty {@code partial_json}) gets {@code "{}"}, as OpenAI sends
 * it: clients parse the arguments as JSON, and an empty string does not parse.
 */
final class OpenAiStreamWriter implements StreamWriter {
  private static final String DONE = "data: [DONE]\n\n";

  private final boolean includeUsage;
  private Optional<StreamEvent.Started> started = Optional.empty();
  private final Set<Integer> rolesSent = new HashSet<>();
  /** Per choice, its tool calls by index, each with whether it got argument bytes yet. */
  private final Map<Integer, Map<Integer, Boolean>> callsWithArguments = new TreeMap<>();

  OpenAiStreamWriter(boolean includeUsage) {
    this.includeUsage = includeUsage;
  }

  @Override
  public String write(StreamEvent event) {
    if (started.isEmpty() && !(event instanceof StreamEvent.Started)) {
      throw new IllegalStateException("a stream begins with Started");
    }
    return switch (event) {
      case StreamEvent.Started s -> start(s);
      case StreamEvent.TextDelta d -> d.text().isEmpty() ? "" : role(d.choiceIndex())
          + chunk(d.choiceIndex(), delta().put("content", d.text()));
      // Reasoning has no place in the format; OpenAI's own API does not stream it either.
      case StreamEvent.ThinkingDelta t -> "";
      case StreamEvent.ThinkingSignature t -> "";
      case StreamEvent.RedactedThinking t -> "";
      case StreamEvent.ToolCallStarted t -> role(t.choiceIndex()) + toolStart(t);
      case StreamEvent.ToolCallArguments a -> a.fragment().isEmpty() ? ""
          : arguments(a.choiceIndex(), a.toolIndex(), a.fragment());
      case StreamEvent.Finished f -> role(f.choiceIndex()) + emptyArguments(f.choiceIndex())
          + finish(f);
      case StreamEvent.UsageReported u -> includeUsage ? usage(u) : "";
      case StreamEvent.Completed c -> DONE;
    };
  }

  @Override
  public String writeError(GatewayError error) {
    return "data: " + OpenAiCodec.encodeError(error) + "\n\n";
  }

  private String start(StreamEvent.Started s) {
    if (started.isPresent()) {
      throw new IllegalStateException("a stream has exactly one Started event");
    }
    started = Optional.of(s);
    return role(0);
  }

  private String role(int choice) {
    if (!rolesSent.add(choice)) {
      return "";
    }
    return chunk(choice, delta().put("role", "assistant").put("content", ""));
  }

  private static ObjectNode delta() {
    return Json.NODES.objectNode();
  }

  private String toolStart(StreamEvent.ToolCallStarted t) {
    callsWithArguments.computeIfAbsent(t.choiceIndex(), c -> new TreeMap<>())
        .put(t.toolIndex(), false);
    return chunk(t.choiceIndex(), toolStartDelta(t));
  }

  private String arguments(int choice, int tool, String fragment) {
    callsWithArguments.computeIfAbsent(choice, c -> new TreeMap<>()).put(tool, true);
    return chunk(choice, toolArguments(tool, fragment));
  }

  /** {@code "{}"} for each call of the choice that got no argument bytes. */
  private String emptyArguments(int choice) {
    StringBuilder frames = new StringBuilder();
    callsWithArguments.getOrDefault(choice, Map.of()).forEach((tool, sent) -> {
      if (!sent) {
        frames.append(chunk(choice, toolArguments(tool, "{}")));
      }
    });
    callsWithArguments.remove(choice);
    return frames.toString();
  }

  private static ObjectNode toolStartDelta(StreamEvent.ToolCallStarted t) {
    ObjectNode delta = delta();
    ObjectNode call = delta.putArray("tool_calls").addObject();
    call.put("index", t.toolIndex());
    call.put("id", t.id());
    call.put("type", "function");
    ObjectNode function = call.putObject("function");
    function.put("name", t.name());
    function.put("arguments", "");
    return delta;
  }

  private static ObjectNode toolArguments(int tool, String fragment) {
    ObjectNode delta = delta();
    ObjectNode call = delta.putArray("tool_calls").addObject();
    call.put("index", tool);
    call.putObject("function").put("arguments", fragment);
    return delta;
  }

  private String finish(StreamEvent.Finished f) {
    ObjectNode chunk = envelope();
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", f.choiceIndex());
    choice.putObject("delta");
    choice.putNull("logprobs");
    choice.put("finish_reason", FinishReasons.toOpenAi(f.reason()));
    return frame(chunk);
  }

  private String chunk(int choiceIndex, ObjectNode delta) {
    ObjectNode chunk = envelope();
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", choiceIndex);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    return frame(chunk);
  }

  private String usage(StreamEvent.UsageReported u) {
    ObjectNode chunk = envelope();
    chunk.putArray("choices");
    chunk.set("usage", OpenAiResponses.usageJson(u.usage()));
    return frame(chunk);
  }

  private ObjectNode envelope() {
    StreamEvent.Started s = started.orElseThrow();
    ObjectNode chunk = Json.NODES.objectNode();
    chunk.put("id", ResponseIds.openAi(s.id()));
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", s.createdEpochSeconds());
    chunk.put("model", s.model());
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static String frame(ObjectNode chunk) {
    return "data: " + chunk + "\n\n";
  }
}
