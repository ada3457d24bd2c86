package dev.gearbox.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The recorded agent runs the demo replays ({@code /data/demo/agent-runs.json.gz}, see the data
 * README): 50 runs of a GPT-4o customer-service agent on tau-bench's airline tasks, one per
 * task, with the agent's system prompt and the tools it called.
 *
 * <p>Each run becomes one call per recorded assistant turn. Call k sends what the agent sent:
 * the system prompt, the conversation before its k-th answer (customer turns, its own earlier
 * answers and tool calls, the tools' results) and the tools, so the context grows call by call
 * as it did in the recording. The tools' schemas were not recorded; the bundled ones name each
 * argument seen in the recorded calls with its JSON type, and nothing more.
 */
final class AgentRuns {
  static final String RESOURCE = "/data/demo/agent-runs.json.gz";

  private AgentRuns() {}

  /**
   * The bundled runs, in task order.
   *
   * @throws IllegalStateException when the file is missing from the class path
   */
  static List<Script.AgentRun> bundled() {
    JsonNode doc = read();
    String system = doc.path("system_prompt").asText();
    List<Tool> tools = new ArrayList<>();
    for (JsonNode tool : doc.path("tools")) {
      tools.add(new Tool(tool.path("name").asText(), Optional.empty(), tool.path("parameters")));
    }
    List<Script.AgentRun> runs = new ArrayList<>();
    for (JsonNode run : doc.path("runs")) {
      String id = "airline-task-" + run.path("task_id").asInt() + "-trial-"
          + run.path("trial").asInt();
      runs.add(new Script.AgentRun(id, calls(system, messages(run.path("messages")), tools)));
    }
    return List.copyOf(runs);
  }

  private static List<ChatRequest> calls(String system, List<Message> messages, List<Tool> tools) {
    List<ChatRequest> calls = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).role() == Role.ASSISTANT) {
        List<Message> sent = new ArrayList<>();
        sent.add(Message.text(Role.SYSTEM, system));
        sent.addAll(messages.subList(0, i));
        calls.add(new ChatRequest("auto", sent, tools, Optional.empty(), Optional.empty(),
            Sampling.DEFAULT, false, false));
      }
    }
    return calls;
  }

  private static List<Message> messages(JsonNode recorded) {
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : recorded) {
      String content = m.path("content").asText("");
      messages.add(switch (m.path("role").asText()) {
        case "user" -> Message.text(Role.USER, content);
        case "assistant" -> Message.assistant(content, toolCalls(m.path("tool_calls")));
        case "tool" -> new Message(Role.TOOL, List.of(new ContentPart.Text(content)), List.of(),
            Optional.of(m.path("tool_call_id").asText()),
            Optional.of(m.path("name").asText()).filter(n -> !n.isEmpty()));
        default -> throw new IllegalStateException(
            RESOURCE + " holds a message with role '" + m.path("role").asText() + "'");
      });
    }
    return messages;
  }

  private static List<ToolCall> toolCalls(JsonNode calls) {
    List<ToolCall> result = new ArrayList<>();
    for (JsonNode call : calls) {
      result.add(new ToolCall(call.path("id").asText(), call.path("name").asText(),
          call.path("arguments").asText()));
    }
    return result;
  }

  private static JsonNode read() {
    try (InputStream raw = AgentRuns.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("bundled data " + RESOURCE + " is not on the class path");
      }
      return Json.MAPPER.readTree(new GZIPInputStream(raw, 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
