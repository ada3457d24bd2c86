package dev.gearbox.compress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The recorded agent runs bundled under {@code /data/agent-traces}: 200 runs (50 tasks, 4 trials
 * each) of a GPT-4o customer-service agent on tau-bench's airline domain (MIT; see the data
 * README for source and derivation).
 *
 * <p>The recording keeps the messages but not the tools' JSON schemas, which the agent was also
 * sent on every call. {@link #tools()} are therefore derived from the recorded calls themselves:
 * each tool's name and the argument names and JSON types seen in its calls (see
 * {@link TraceTools}). Token counts of replayed calls are lower than the original run's by the
 * size of the missing descriptions.
 */
public final class AgentTraces {
  private static final String DIR = "/data/agent-traces/";
  private static final String TRAJECTORIES = "tau_bench_gpt4o_airline_trajectories.jsonl.gz";
  private static final String SYSTEM_PROMPTS = "tau_bench_airline_system_prompt.json";

  private final List<Trajectory> trajectories;
  private final List<Tool> tools;

  private AgentTraces(List<Trajectory> trajectories, List<Tool> tools) {
    this.trajectories = List.copyOf(trajectories);
    this.tools = List.copyOf(tools);
  }

  /**
   * The bundled runs, parsed once per JVM.
   *
   * @throws IllegalStateException when the bundled files are missing from the class path
   */
  public static AgentTraces bundled() {
    return Holder.BUNDLED;
  }

  /** Every run, in the order of the file (by task, then trial). */
  public List<Trajectory> trajectories() {
    return trajectories;
  }

  /** The tools every run offers, derived from the recorded calls. */
  public List<Tool> tools() {
    return tools;
  }

  /** The number of model calls over all runs. */
  public int callCount() {
    return trajectories.stream().mapToInt(t -> t.steps().size()).sum();
  }

  private static final class Holder {
    static final AgentTraces BUNDLED = load();
  }

  private static AgentTraces load() {
    List<String> systemPrompts = systemPrompts();
    List<JsonNode> rows = jsonLines(TRAJECTORIES);
    List<List<Message>> conversations = rows.stream().map(AgentTraces::messages).toList();
    List<Tool> tools = TraceTools.derive(conversations);
    List<Trajectory> trajectories = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      trajectories.add(new Trajectory(
          row.path("task_id").asInt(),
          row.path("trial").asInt(),
          row.path("reward").asDouble() >= 1.0,
          row.path("user_instruction").asText(),
          systemPrompts.get(row.path("system_prompt_idx").asInt()),
          conversations.get(i),
          goldActions(row.path("gold_actions")),
          tools));
    }
    return new AgentTraces(trajectories, tools);
  }

  private static List<String> systemPrompts() {
    try (InputStream in = open(SYSTEM_PROMPTS)) {
      List<String> prompts = new ArrayList<>();
      Json.MAPPER.readTree(in).path("system_prompts").forEach(p -> prompts.add(p.asText()));
      return prompts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled data " + SYSTEM_PROMPTS, e);
    }
  }

  private static List<Message> messages(JsonNode row) {
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : row.path("messages")) {
      messages.add(message(m));
    }
    return messages;
  }

  private static Message message(JsonNode m) {
    String content = m.path("content").isTextual() ? m.path("content").asText() : "";
    return switch (m.path("role").asText()) {
      case "user" -> Message.text(Role.USER, content);
      case "assistant" -> Message.assistant(content, toolCalls(m.path("tool_calls")));
      case "tool" -> new Message(Role.TOOL, List.of(new ContentPart.Text(content)), List.of(),
          Optional.of(m.path("tool_call_id").asText()),
          Optional.of(m.path("name").asText()).filter(n -> !n.isEmpty()));
      default -> throw new IllegalStateException(
          "bundled trajectory holds a message with role '" + m.path("role").asText() + "'");
    };
  }

  private static List<ToolCall> toolCalls(JsonNode calls) {
    List<ToolCall> result = new ArrayList<>();
    for (JsonNode call : calls) {
      JsonNode function = call.path("function");
      result.add(new ToolCall(call.path("id").asText(), function.path("name").asText(),
          function.path("arguments").asText()));
    }
    return result;
  }

  private static List<GoldAction> goldActions(JsonNode actions) {
    List<GoldAction> result = new ArrayList<>();
    for (JsonNode action : actions) {
      result.add(new GoldAction(action.path("name").asText(), action.path("kwargs")));
    }
    return result;
  }

  private static List<JsonNode> jsonLines(String file) {
    List<JsonNode> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(Json.MAPPER.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled data " + file, e);
    }
    return lines;
  }

  private static InputStream open(String file) throws IOException {
    InputStream raw = AgentTraces.class.getResourceAsStream(DIR + file);
    if (raw == null) {
      throw new IllegalStateException(
          "bundled data file " + DIR + file + " is not on the class path");
    }
    return file.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
  }
}
