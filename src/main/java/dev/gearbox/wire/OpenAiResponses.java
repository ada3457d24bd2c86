package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code chat.completion} answers, both directions. Reading is lenient where OpenAI-compatible
 * servers differ harmlessly (a missing finish reason, arguments sent as an object, content sent
 * as parts) and strict where the answer would otherwise be wrong.
 */
final class OpenAiResponses {
  private static final String WHAT = "the upstream answer";

  private OpenAiResponses() {}

  static ChatResponse decode(byte[] body) {
    ObjectNode root = JsonBody.parseUpstream(body, WHAT);
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) {
      throw UpstreamErrors.fromStream(error, root.toString()).toException();
    }
    return UpstreamShape.read(WHAT, () -> response(root));
  }

  private static ChatResponse response(ObjectNode root) {
    ArrayNode array = Fields.reqArray(root, "choices", "");
    if (array.isEmpty()) {
      throw UpstreamShape.failed(WHAT + " has no choices");
    }
    List<Choice> choices = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      choices.add(choice(Fields.object(array.get(i), Fields.index("choices", i)), i));
    }
    return new ChatResponse(
        Fields.optString(root, "id", "").orElse(""),
        Fields.optString(root, "model", "").orElse(""),
        Fields.optLong(root, "created", "").orElse(0),
        choices,
        Fields.optObject(root, "usage", "").map(OpenAiResponses::usage).orElse(Usage.NONE));
  }

  private static Choice choice(ObjectNode choice, int position) {
    String at = Fields.index("choices", position);
    int index = Fields.optInt(choice, "index", at, 0).orElse(position);
    ObjectNode message = Fields.reqObject(choice, "message", at);
    String text = text(message, Fields.path(at, "message"));
    List<ToolCall> calls = toolCalls(message, Fields.path(at, "message"));
    FinishReason reason = Fields.optString(choice, "finish_reason", at)
        .map(r -> FinishReasons.ofTurn(FinishReasons.fromOpenAi(r), !calls.isEmpty()))
        .orElse(calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS);
    return new Choice(index, Message.assistant(text, calls), reason,
        FinishReasons.openAiStopSequence(choice));
  }

  private static String text(ObjectNode message, String at) {
    Optional<JsonNode> content = Fields.opt(message, "content");
    if (content.isEmpty()) {
      return Fields.optString(message, "refusal", at).orElse("");
    }
    if (content.get().isTextual()) {
      return content.get().textValue();
    }
    StringBuilder text = new StringBuilder();
    ArrayNode parts = Fields.array(content.get(), Fields.path(at, "content"));
    for (JsonNode part : parts) {
      text.append(part.path("text").asText(""));
    }
    return text.toString();
  }

  private static List<ToolCall> toolCalls(ObjectNode message, String at) {
    Optional<ArrayNode> array = Fields.optArray(message, "tool_calls", at);
    if (array.isEmpty()) {
      return List.of();
    }
    List<ToolCall> calls = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < array.get().size(); i++) {
      String call = Fields.index(Fields.path(at, "tool_calls"), i);
      ObjectNode node = Fields.object(array.get().get(i), call);
      ObjectNode function = Fields.reqObject(node, "function", call);
      String id = ToolUseIds.orMinted(Fields.optString(node, "id", call).orElse(""), ids);
      String name = Fields.reqString(function, "name", Fields.path(call, "function"));
      calls.add(new ToolCall(id, name, arguments(function.get("arguments"))));
    }
    return calls;
  }

  /** Arguments as text; a few servers send them as a JSON object instead of a string. */
  private static String arguments(JsonNode arguments) {
    if (arguments == null || arguments.isNull()) {
      return "";
    }
    return arguments.isTextual() ? arguments.textValue() : arguments.toString();
  }

  /**
   * Canonical usage from a Chat Completions usage object. {@code prompt_tokens} counts the whole
   * prompt; the servers that speak this format report the part read from or written to their
   * prompt cache in different places, all read here: OpenAI and OpenRouter in
   * {@code prompt_tokens_details} ({@code cached_tokens}, {@code cache_write_tokens}), DeepSeek
   * as {@code prompt_cache_hit_tokens}, and proxies in front of Anthropic as its
   * {@code cache_read_input_tokens} / {@code cache_creation_input_tokens}. Missed, those tokens
   * would be billed at the full input price.
   */
  static Usage usage(ObjectNode usage) {
    long input = Math.max(0, usage.path("prompt_tokens").asLong(0));
    long output = usage.path("completion_tokens").asLong(0);
    JsonNode details = usage.path("prompt_tokens_details");
    long cached = Math.max(details.path("cached_tokens").asLong(0),
        Math.max(usage.path("prompt_cache_hit_tokens").asLong(0),
            usage.path("cache_read_input_tokens").asLong(0)));
    long written = Math.max(details.path("cache_write_tokens").asLong(0),
        usage.path("cache_creation_input_tokens").asLong(0));
    long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
    long cachedPart = Math.clamp(cached, 0, input);
    return new Usage(input, Math.max(0, output), cachedPart,
        Math.clamp(written, 0, input - cachedPart), Math.max(0, reasoning),
        UsageSource.UPSTREAM);
  }

  // ---- encoding ----------------------------------------------------------------------------

  static ObjectNode encode(ChatResponse response) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("id", ResponseIds.openAi(response.id()));
    root.put("object", "chat.completion");
    root.put("created", response.createdEpochSeconds());
    root.put("model", response.model());
    ArrayNode choices = root.putArray("choices");
    response.choices().forEach(choice -> choices.add(choice(choice)));
    root.set("usage", usageJson(response.usage()));
    return root;
  }

  private static ObjectNode choice(Choice choice) {
    ObjectNode out = Json.NODES.objectNode();
    out.put("index", choice.index());
    ObjectNode message = out.putObject("message");
    message.put("role", "assistant");
    String text = choice.message().text();
    if (text.isEmpty() && !choice.message().toolCalls().isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text);
    }
    message.putNull("refusal");
    if (!choice.message().toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      choice.message().toolCalls().forEach(c -> calls.add(OpenAiRequestEncoder.toolCall(c)));
    }
    out.putNull("logprobs");
    out.put("finish_reason", FinishReasons.toOpenAi(choice.finishReason()));
    return out;
  }

  static ObjectNode usageJson(Usage usage) {
    ObjectNode out = Json.NODES.objectNode();
    out.put("prompt_tokens", usage.inputTokens());
    out.put("completion_tokens", usage.outputTokens());
    out.put("total_tokens", usage.totalTokens());
    ObjectNode details = out.putObject("prompt_tokens_details")
        .put("cached_tokens", usage.cachedInputTokens());
    if (usage.cacheWriteTokens() > 0) {
      details.put("cache_write_tokens", usage.cacheWriteTokens());
    }
    out.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    return out;
  }
}
