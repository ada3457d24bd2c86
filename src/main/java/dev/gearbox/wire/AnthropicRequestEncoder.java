package dev.gearbox.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A canonical request as the Messages JSON sent to an Anthropic upstream.
 *
 * <p>SYSTEM messages, wherever they stand, become the top-level {@code system}. Consecutive TOOL
 * messages fold into one user turn of {@code tool_result} blocks, and a USER message right after
 * them joins that turn, as the API requires results to follow the call's turn directly. What the
 * API cannot express is refused, naming the parameter as the client's API spells it
 * ({@link dev.gearbox.model.Dialect}), so the caller can pick another upstream;
 * the things dropped are {@code seed}, which providers treat as best effort anyway, and
 * message names, for which the Messages API has no place.
 *
 * <p>The Messages API refuses text that is empty or only whitespace, a turn left without
 * content (except a final assistant one), and a final assistant turn (a prefill) that ends in
 * whitespace, all of which OpenAI-format clients send as a matter of course: {@code ""} beside
 * tool calls, an empty answer kept in history. Such text carries nothing for the model, so it is
 * left out, a turn left empty by that is left out too (the API joins the turns on either side),
 * and a prefill loses its trailing whitespace. Cache breakpoints go back as {@code cache_control}
 * on the text block they were on, so a client's prompt caching keeps working through the gateway.
 *
 * <p>Reasoning goes as {@code thinking} ({@link AnthropicThinking}). With thinking on, the thinking
 * blocks of assistant turns go back first in their turn with their signatures, as the API needs
 * them in a tool-use turn; a thinking block without a signature (which the API refuses) is left
 * out. With thinking off they are all left out.
 */
final class AnthropicRequestEncoder {
  private AnthropicRequestEncoder() {}

  static ObjectNode encode(ChatRequest request, int defaultMaxTokens) {
    if (defaultMaxTokens < 1) {
      throw new IllegalArgumentException("defaultMaxTokens must be at least 1");
    }
    checkExpressible(request);
    AnthropicThinking.Plan thinking = AnthropicThinking.plan(request, defaultMaxTokens);
    ObjectNode root = Json.NODES.objectNode();
    root.put("model", request.model());
    root.put("max_tokens", thinking.maxTokens());
    thinking.thinking().ifPresent(t -> root.set("thinking", t));
    system(request.messages()).ifPresent(s -> root.set("system", s));
    List<Message> messages = thinking.enabled() ? request.messages()
        : request.messages().stream().map(Message::withoutReasoning).toList();
    root.set("messages", turns(messages));
    tools(request, root);
    sampling(request.sampling(), root);
    if (request.stream()) {
      root.put("stream", true);
    }
    return root;
  }

  private static void checkExpressible(ChatRequest request) {
    request.responseFormat().ifPresent(format -> {
      switch (format) {
        case ResponseFormat.Text text -> { }
        case ResponseFormat.JsonObject object -> throw noEquivalent("json_object");
        case ResponseFormat.JsonSchema schema -> throw noEquivalent("json_schema");
      }
    });
    if (request.sampling().n() > 1) {
      throw Fields.invalid("n", "'n' = " + request.sampling().n() + ": the Anthropic Messages "
          + "API returns one choice per request");
    }
    String stopField = request.dialect().stop();
    for (String stop : request.sampling().stop()) {
      if (stop.isBlank()) {
        throw Fields.invalid(stopField, "'" + stopField + "' holds a stop sequence that is empty "
            + "or only whitespace (such as \"\\n\"), which the Anthropic Messages API refuses; "
            + "remove it or use a model served by an OpenAI-compatible upstream");
      }
    }
    double temperature = request.sampling().temperature().orElse(0);
    if (temperature > 1) {
      throw Fields.invalid("temperature", "'temperature' = " + temperature + " is above 1, the "
          + "highest the Anthropic Messages API accepts");
    }
  }

  private static GatewayException noEquivalent(String type) {
    return Fields.invalid("response_format", "'response_format' of type " + type + " has no "
        + "equivalent in the Anthropic Messages API");
  }

  // ---- system and turns --------------------------------------------------------------------

  private static Optional<JsonNode> system(List<Message> messages) {
    List<ContentPart.Text> texts = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() != Role.SYSTEM) {
        continue;
      }
      if (m.hasImages()) {
        throw Fields.invalid("messages[" + i + "]", "'messages[" + i + "]' is a system message "
            + "with an image, which the Anthropic Messages API does not accept");
      }
      m.content().stream()
          .map(p -> (ContentPart.Text) p)
          .filter(t -> !t.text().isBlank())
          .forEach(texts::add);
    }
    if (texts.isEmpty()) {
      return Optional.empty();
    }
    if (texts.size() == 1 && !texts.getFirst().cacheBreakpoint()) {
      return Optional.of(Json.NODES.textNode(texts.getFirst().text()));
    }
    ArrayNode blocks = Json.NODES.arrayNode();
    texts.forEach(t -> blocks.add(textBlock(t)));
    return Optional.of(blocks);
  }

  private static ArrayNode turns(List<Message> messages) {
    TurnBuilder turns = new TurnBuilder();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      String param = "messages[" + i + "]";
      switch (m.role()) {
        case SYSTEM -> { }
        case USER -> turns.user(blocks(m.content()));
        case TOOL -> turns.toolResult(toolResult(m));
        case ASSISTANT -> turns.assistant(assistantBlocks(m, param));
      }
    }
    ArrayNode result = turns.build();
    if (result.isEmpty()) {
      throw Fields.invalid("messages", "'messages' has no user message with content, and the "
          + "Anthropic Messages API needs at least one user message");
    }
    return result;
  }

  /**
   * Groups blocks into turns: results and the user text after them share one user turn, a turn
   * without blocks is left out, and turns of one role that end up side by side are joined, as the
   * API would join them.
   */
  private static final class TurnBuilder {
    private record Turn(String role, List<ObjectNode> blocks) {}

    private final List<Turn> turns = new ArrayList<>();
    private List<ObjectNode> open = new ArrayList<>();
    private String openRole = "";
    private boolean acceptsUserText;

    void user(List<ObjectNode> blocks) {
      if (!(openRole.equals("user") && acceptsUserText)) {
        start("user");
      }
      open.addAll(blocks);
      acceptsUserText = false;
    }

    void toolResult(ObjectNode block) {
      if (!(openRole.equals("user") && acceptsUserText)) {
        start("user");
        acceptsUserText = true;
      }
      open.add(block);
    }

    void assistant(List<ObjectNode> blocks) {
      start("assistant");
      open.addAll(blocks);
    }

    ArrayNode build() {
      close();
      trimPrefill();
      ArrayNode result = Json.NODES.arrayNode();
      for (Turn turn : turns) {
        ObjectNode out = result.addObject();
        out.put("role", turn.role());
        out.set("content", compact(turn.blocks()));
      }
      return result;
    }

    /** A final assistant turn continues as the model's answer, which may not end in a space. */
    private void trimPrefill() {
      if (turns.isEmpty() || !turns.getLast().role().equals("assistant")) {
        return;
      }
      ObjectNode tail = turns.getLast().blocks().getLast();
      if (tail.path("type").asText().equals("text")) {
        tail.put("text", tail.path("text").asText().stripTrailing());
      }
    }

    private void start(String role) {
      close();
      openRole = role;
      acceptsUserText = false;
    }

    private void close() {
      if (!open.isEmpty() && !turns.isEmpty() && turns.getLast().role().equals(openRole)) {
        turns.getLast().blocks().addAll(open);
      } else if (!open.isEmpty()) {
        turns.add(new Turn(openRole, open));
      }
      open = new ArrayList<>();
      openRole = "";
    }
  }

  /** One plain text block as a string; otherwise the blocks as they are. */
  private static JsonNode compact(List<ObjectNode> blocks) {
    ObjectNode only = blocks.size() == 1 ? blocks.getFirst() : null;
    if (only != null && only.path("type").asText().equals("text") && !only.has("cache_control")) {
      return only.get("text");
    }
    ArrayNode array = Json.NODES.arrayNode();
    blocks.forEach(array::add);
    return array;
  }

  /** The parts as blocks, without text that is empty or only whitespace. */
  private static List<ObjectNode> blocks(List<ContentPart> parts) {
    List<ObjectNode> blocks = new ArrayList<>(parts.size());
    for (ContentPart part : parts) {
      switch (part) {
        case ContentPart.Text text -> {
          if (!text.text().isBlank()) {
            blocks.add(textBlock(text));
          }
        }
        case ContentPart.Image image -> blocks.add(imageBlock(image));
        case ContentPart.Thinking thinking -> {
          if (!thinking.signature().isEmpty()) {
            ObjectNode block = Json.NODES.objectNode();
            block.put("type", "thinking");
            block.put("thinking", thinking.text());
            block.put("signature", thinking.signature());
            blocks.add(block);
          }
        }
        case ContentPart.RedactedThinking redacted -> {
          ObjectNode block = Json.NODES.objectNode();
          block.put("type", "redacted_thinking");
          block.put("data", redacted.data());
          blocks.add(block);
        }
      }
    }
    return blocks;
  }

  private static ObjectNode textBlock(ContentPart.Text text) {
    ObjectNode block = Json.NODES.objectNode();
    block.put("type", "text");
    block.put("text", text.text());
    if (text.cacheBreakpoint()) {
      block.putObject("cache_control").put("type", "ephemeral");
    }
    return block;
  }

  private static ObjectNode imageBlock(ContentPart.Image image) {
    ObjectNode block = Json.NODES.objectNode();
    block.put("type", "image");
    ObjectNode source = block.putObject("source");
    if (image.isInline()) {
      source.put("type", "base64");
      source.put("media_type", image.mediaType());
      source.put("data", image.base64Data());
    } else {
      source.put("type", "url");
      source.put("url", image.url());
    }
    return block;
  }

  private static ObjectNode toolResult(Message m) {
    ObjectNode block = Json.NODES.objectNode();
    block.put("type", "tool_result");
    block.put("tool_use_id", ToolUseIds.conforming(m.toolCallId().orElseThrow()));
    List<ObjectNode> content = blocks(ToolResultErrors.content(m));
    if (!content.isEmpty()) {
      block.set("content", compact(content));
    }
    if (ToolResultErrors.isError(m)) {
      block.put("is_error", true);
    }
    return block;
  }

  private static List<ObjectNode> assistantBlocks(Message m, String param) {
    if (m.hasImages()) {
      throw Fields.invalid(param, "'" + param + "' is an assistant message with an image, "
          + "which the Anthropic Messages API does not accept");
    }
    List<ObjectNode> blocks = new ArrayList<>(blocks(m.content()));
    List<ToolCall> calls = m.toolCalls();
    for (int j = 0; j < calls.size(); j++) {
      ObjectNode block = toolUse(calls.get(j), param + ".tool_calls[" + j + "].function.arguments");
      block.put("id", ToolUseIds.conforming(calls.get(j).id()));
      blocks.add(block);
    }
    return blocks;
  }

  static ObjectNode toolUse(ToolCall call, String param) {
    ObjectNode block = Json.NODES.objectNode();
    block.put("type", "tool_use");
    block.put("id", call.id());
    block.put("name", call.name());
    block.set("input", input(call.argumentsJson(), param));
    return block;
  }

  /** Tool arguments as the JSON object the Messages API requires; "" means no arguments. */
  static ObjectNode input(String argumentsJson, String param) {
    if (argumentsJson.isBlank()) {
      return Json.NODES.objectNode();
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(argumentsJson);
      if (parsed != null && parsed.isObject()) {
        return (ObjectNode) parsed;
      }
    } catch (JsonProcessingException e) {
      // Falls through: the arguments are not the object this format needs.
    }
    throw Fields.invalid(param, "'" + param + "' is not a JSON object, which the Anthropic "
        + "Messages API requires for tool input");
  }

  // ---- tools and sampling ------------------------------------------------------------------

  private static void tools(ChatRequest request, ObjectNode root) {
    if (!request.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      request.tools().forEach(tool -> tools.add(tool(tool)));
    }
    request.toolChoice().ifPresent(choice -> root.set("tool_choice", toolChoice(choice)));
    boolean choosesTools = !(request.toolChoice().orElse(null) instanceof ToolChoice.None);
    if (!request.parallelToolCalls() && !request.tools().isEmpty() && choosesTools) {
      ObjectNode choice = root.has("tool_choice")
          ? (ObjectNode) root.get("tool_choice")
          : root.putObject("tool_choice").put("type", "auto");
      choice.put("disable_parallel_tool_use", true);
    }
  }

  private static ObjectNode tool(Tool tool) {
    ObjectNode out = Json.NODES.objectNode();
    out.put("name", tool.name());
    tool.description().ifPresent(d -> out.put("description", d));
    out.set("input_schema", tool.parametersSchema().deepCopy());
    if (tool.cacheBreakpoint()) {
      out.putObject("cache_control").put("type", "ephemeral");
    }
    return out;
  }

  private static ObjectNode toolChoice(ToolChoice choice) {
    ObjectNode out = Json.NODES.objectNode();
    switch (choice) {
      case ToolChoice.Auto auto -> out.put("type", "auto");
      case ToolChoice.None none -> out.put("type", "none");
      case ToolChoice.Required required -> out.put("type", "any");
      case ToolChoice.Named named -> {
        out.put("type", "tool");
        out.put("name", named.name());
      }
    }
    return out;
  }

  private static void sampling(Sampling sampling, ObjectNode root) {
    if (!sampling.stop().isEmpty()) {
      ArrayNode stop = root.putArray("stop_sequences");
      sampling.stop().forEach(stop::add);
    }
    sampling.temperature().ifPresent(t -> root.put("temperature", t));
    // top_p 1 samples from the whole distribution, as leaving it out does; clients send it by
    // default beside temperature, and newer Claude models refuse the two together.
    sampling.topP().ifPresent(p -> {
      if (p < 1) {
        root.put("top_p", p);
      }
    });
    sampling.user().ifPresent(u -> root.putObject("metadata").put("user_id", u));
  }
}
