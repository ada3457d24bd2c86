package dev.gearbox.wire;

import static dev.gearbox.wire.Fields.index;
import static dev.gearbox.wire.Fields.invalid;
import static dev.gearbox.wire.Fields.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ClientText;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Dialect;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Message;
import dev.gearbox.model.Reasoning;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.ToolChoice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Client Messages JSON to a canonical request.
 *
 * <p>A user turn may hold tool results and text together; canonically each {@code tool_result}
 * becomes its own TOOL message, in order, followed by one USER message with the rest of the turn
 * (when there is any), which is the order both APIs expect. {@code cache_control} on a text
 * block or a tool definition (or on a tool result, for its last text) is kept as a cache
 * breakpoint, which an Anthropic upstream gets back where it was; on other blocks it is accepted
 * and not kept. The {@code thinking} and {@code redacted_thinking} blocks that clients replay
 * in assistant turns are kept with their signatures: an Anthropic upstream with thinking enabled
 * needs them back in a tool-use turn, and other upstreams leave them out. {@code thinking}
 * ({@code enabled} with a {@code budget_tokens} of at least 1024 and below {@code max_tokens},
 * {@code adaptive} or {@code disabled}) is read into the request's reasoning. As with the OpenAI
 * format, unknown fields are ignored and fields that would change the answer but cannot be
 * honoured are refused ({@link UnsupportedParams#ANTHROPIC}).
 */
final class AnthropicRequestDecoder {
  private AnthropicRequestDecoder() {}

  static ChatRequest decode(byte[] body) {
    return decode(body, true);
  }

  /** A count_tokens body: a Messages request without {@code max_tokens}, as it needs none. */
  static ChatRequest decodeForCount(byte[] body) {
    return decode(body, false);
  }

  private static ChatRequest decode(byte[] body, boolean answered) {
    ObjectNode root = JsonBody.parseRequest(body);
    UnsupportedParams.ANTHROPIC.check(root);
    String model = ModelField.read(root);
    OptionalInt maxTokens = answered
        ? OptionalInt.of(maxTokens(root))
        : Fields.optInt(root, "max_tokens", "", 1);
    List<Message> messages = new ArrayList<>(system(root));
    messages.addAll(turns(Fields.reqArray(root, "messages", "")));
    List<Tool> tools = tools(root);
    Optional<ToolChoice> toolChoice = toolChoice(root, tools);
    boolean parallelToolCalls = !Fields.optObject(root, "tool_choice", "")
        .flatMap(c -> Fields.optBoolean(c, "disable_parallel_tool_use", "tool_choice"))
        .orElse(false);
    boolean stream = Fields.optBoolean(root, "stream", "").orElse(false);
    Sampling sampling = new Sampling(
        maxTokens,
        Fields.optNumber(root, "temperature", "", 0, 1),
        Fields.optNumber(root, "top_p", "", 0, 1),
        OptionalLong.empty(),
        1,
        StopSequences.readArray(root, "stop_sequences"),
        user(root),
        thinking(root, maxTokens));
    return new ChatRequest(model, messages, tools, toolChoice, Optional.empty(), sampling, stream,
        stream, parallelToolCalls, Dialect.ANTHROPIC);
  }

  private static Optional<Reasoning> thinking(ObjectNode root, OptionalInt maxTokens) {
    Optional<ObjectNode> thinking = Fields.optObject(root, "thinking", "");
    if (thinking.isEmpty()) {
      return Optional.empty();
    }
    String type = Fields.reqString(thinking.get(), "type", "thinking");
    return switch (type) {
      case "disabled" -> Optional.empty();
      case "adaptive" -> Optional.of(new Reasoning.Adaptive());
      case "enabled" -> Optional.of(budget(thinking.get(), maxTokens));
      default -> throw invalid("thinking.type", "'thinking.type' must be enabled, adaptive or "
          + "disabled; got " + ClientText.quote(type));
    };
  }

  private static Reasoning budget(ObjectNode thinking, OptionalInt maxTokens) {
    String at = "thinking.budget_tokens";
    if (Fields.opt(thinking, "budget_tokens").isEmpty()) {
      throw invalid(at, "'" + at + "' is required when thinking is enabled");
    }
    int budget = Fields.optInt(thinking, "budget_tokens", "thinking", 1).getAsInt();
    if (budget < ReasoningBudgets.MIN_BUDGET) {
      throw invalid(at, "'" + at + "' must be at least " + ReasoningBudgets.MIN_BUDGET
          + "; got " + budget);
    }
    if (maxTokens.isPresent() && budget >= maxTokens.getAsInt()) {
      throw invalid(at, "'" + at + "' (" + budget + ") must be below 'max_tokens' ("
          + maxTokens.getAsInt() + "), which counts the thinking too");
    }
    return new Reasoning.Budget(budget);
  }

  private static int maxTokens(ObjectNode root) {
    if (Fields.opt(root, "max_tokens").isEmpty()) {
      throw invalid("max_tokens", "'max_tokens' is required by the Messages API: set the most "
          + "tokens the answer may use");
    }
    return Fields.optInt(root, "max_tokens", "", 1).getAsInt();
  }

  private static Optional<String> user(ObjectNode root) {
    return Fields.optObject(root, "metadata", "")
        .flatMap(m -> Fields.optString(m, "user_id", "metadata"));
  }

  // ---- system and turns --------------------------------------------------------------------

  private static List<Message> system(ObjectNode root) {
    Optional<JsonNode> system = Fields.opt(root, "system");
    if (system.isEmpty()) {
      return List.of();
    }
    List<ContentPart> parts = new ArrayList<>();
    if (system.get().isTextual()) {
      if (!system.get().textValue().isEmpty()) {
        parts.add(new ContentPart.Text(system.get().textValue()));
      }
    } else {
      ArrayNode blocks = Fields.array(system.get(), "system");
      for (int i = 0; i < blocks.size(); i++) {
        parts.add(textBlock(blocks.get(i), index("system", i)));
      }
    }
    return parts.isEmpty() ? List.of() : List.of(
        new Message(Role.SYSTEM, parts, List.of(), Optional.empty(), Optional.empty()));
  }

  private static ContentPart.Text textBlock(JsonNode node, String param) {
    ObjectNode block = Fields.object(node, param);
    String type = Fields.reqString(block, "type", param);
    if (!type.equals("text")) {
      throw invalid(path(param, "type"), "'" + param + "' must be a text block; got type "
          + ClientText.quote(type));
    }
    return text(block, param);
  }

  /** A text block, with its cache breakpoint when it carries {@code cache_control}. */
  private static ContentPart.Text text(ObjectNode block, String param) {
    return new ContentPart.Text(Fields.reqString(block, "text", param), cached(block));
  }

  private static boolean cached(ObjectNode block) {
    return Fields.opt(block, "cache_control").isPresent();
  }

  private static List<Message> turns(ArrayNode array) {
    if (array.isEmpty()) {
      throw invalid("messages", "'messages' must hold at least one message");
    }
    List<Message> messages = new ArrayList<>();
    ToolResultPairing pairing = new ToolResultPairing();
    for (int i = 0; i < array.size(); i++) {
      String at = index("messages", i);
      ObjectNode turn = Fields.object(array.get(i), at);
      String role = Fields.reqString(turn, "role", at);
      switch (role) {
        case "user" -> {
          messages.addAll(userTurn(turn, at, pairing));
          pairing.userTurn();
        }
        case "assistant" -> {
          Message assistant = assistantTurn(turn, at);
          pairing.assistant(assistant);
          messages.add(assistant);
        }
        case "system" -> throw invalid(path(at, "role"), "'" + path(at, "role") + "' cannot be "
            + "'system' in the Messages API; put system text in the top-level 'system' field");
        default -> throw invalid(path(at, "role"), "'" + path(at, "role")
            + "' must be user or assistant; got " + ClientText.quote(role));
      }
    }
    return messages;
  }

  private static List<Message> userTurn(ObjectNode turn, String at, ToolResultPairing pairing) {
    List<Message> toolResults = new ArrayList<>();
    List<ContentPart> rest = new ArrayList<>();
    JsonNode content = Fields.required(turn, "content", at);
    String param = path(at, "content");
    if (content.isTextual()) {
      rest.add(new ContentPart.Text(content.textValue()));
    } else {
      ArrayNode blocks = Fields.array(content, param);
      if (blocks.isEmpty()) {
        throw invalid(param, "'" + param + "' is an empty array; a user turn needs at least one "
            + "content block, or a string");
      }
      for (int i = 0; i < blocks.size(); i++) {
        userBlock(blocks.get(i), index(param, i), toolResults, rest, pairing);
      }
    }
    List<Message> messages = new ArrayList<>(toolResults);
    if (!rest.isEmpty() || toolResults.isEmpty()) {
      messages.add(new Message(Role.USER, rest, List.of(), Optional.empty(), Optional.empty()));
    }
    return messages;
  }

  private static void userBlock(JsonNode node, String param, List<Message> toolResults,
      List<ContentPart> rest, ToolResultPairing pairing) {
    ObjectNode block = Fields.object(node, param);
    String type = Fields.reqString(block, "type", param);
    switch (type) {
      case "text" -> rest.add(text(block, param));
      case "image" -> rest.add(image(block, param));
      case "tool_result" -> {
        Message result = toolResult(block, param);
        pairing.result(result.toolCallId().orElseThrow(), path(param, "tool_use_id"));
        toolResults.add(result);
      }
      case "tool_use" -> throw invalid(path(param, "type"), "'" + param + "' is a tool_use "
          + "block, which only assistant turns may hold");
      default -> throw unsupportedBlock(type, param, "text, image or tool_result");
    }
  }

  private static Message toolResult(ObjectNode block, String param) {
    String id = Fields.reqNonEmptyString(block, "tool_use_id", param);
    boolean isError = Fields.optBoolean(block, "is_error", param).orElse(false);
    List<ContentPart> content = new ArrayList<>();
    if (isError) {
      content.add(ToolResultErrors.MARKER);
    }
    Optional<JsonNode> value = Fields.opt(block, "content");
    String at = path(param, "content");
    if (value.isPresent() && value.get().isTextual()) {
      content.add(new ContentPart.Text(value.get().textValue()));
    } else if (value.isPresent()) {
      ArrayNode parts = Fields.array(value.get(), at);
      for (int i = 0; i < parts.size(); i++) {
        content.add(resultPart(parts.get(i), index(at, i)));
      }
    }
    if (cached(block)) {
      markLastText(content);
    }
    return new Message(Role.TOOL, content, List.of(), Optional.of(id), Optional.empty());
  }

  /** A breakpoint on a whole tool result ends the cached prefix at its last text. */
  private static void markLastText(List<ContentPart> content) {
    for (int i = content.size() - 1; i >= 0; i--) {
      if (content.get(i) instanceof ContentPart.Text t && !t.equals(ToolResultErrors.MARKER)) {
        content.set(i, new ContentPart.Text(t.text(), true));
        return;
      }
    }
  }

  private static ContentPart resultPart(JsonNode node, String param) {
    ObjectNode block = Fields.object(node, param);
    String type = Fields.reqString(block, "type", param);
    return switch (type) {
      case "text" -> text(block, param);
      case "image" -> image(block, param);
      default -> throw unsupportedBlock(type, param, "text or image");
    };
  }

  private static Message assistantTurn(ObjectNode turn, String at) {
    JsonNode content = Fields.required(turn, "content", at);
    String param = path(at, "content");
    if (content.isTextual()) {
      return Message.assistant(content.textValue(), List.of());
    }
    List<ContentPart> parts = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    ArrayNode blocks = Fields.array(content, param);
    for (int i = 0; i < blocks.size(); i++) {
      String bp = index(param, i);
      ObjectNode block = Fields.object(blocks.get(i), bp);
      String type = Fields.reqString(block, "type", bp);
      switch (type) {
        case "text" -> parts.add(text(block, bp));
        case "tool_use" -> calls.add(toolUse(block, bp));
        case "thinking" -> parts.add(new ContentPart.Thinking(
            Fields.optString(block, "thinking", bp).orElse(""),
            Fields.optString(block, "signature", bp).orElse("")));
        case "redacted_thinking" -> parts.add(new ContentPart.RedactedThinking(
            Fields.optString(block, "data", bp).orElse("")));
        default -> throw unsupportedBlock(type, bp, "text, tool_use or thinking");
      }
    }
    return new Message(Role.ASSISTANT, parts, calls, Optional.empty(), Optional.empty());
  }

  private static ToolCall toolUse(ObjectNode block, String param) {
    String id = Fields.reqNonEmptyString(block, "id", param);
    String name = Fields.reqNonEmptyString(block, "name", param);
    ObjectNode input = Fields.reqObject(block, "input", param);
    return new ToolCall(id, name, input.toString());
  }

  private static ContentPart.Image image(ObjectNode block, String param) {
    ObjectNode source = Fields.reqObject(block, "source", param);
    String at = path(param, "source");
    String type = Fields.reqString(source, "type", at);
    return switch (type) {
      case "base64" -> ContentPart.Image.inline(
          Images.mediaType(Fields.reqString(source, "media_type", at), path(at, "media_type")),
          Images.base64(Fields.reqString(source, "data", at), path(at, "data")));
      case "url" -> ContentPart.Image.ofUrl(
          Images.remote(Fields.reqString(source, "url", at), path(at, "url")));
      default -> throw invalid(path(at, "type"), "'" + path(at, "type") + "' must be base64 or "
          + "url; got " + ClientText.quote(type));
    };
  }

  private static GatewayException unsupportedBlock(String type, String param, String expected) {
    return invalid(path(param, "type"), "content block type " + ClientText.quote(type)
        + " in '" + param + "' is not supported here; expected " + expected);
  }

  // ---- tools -------------------------------------------------------------------------------

  private static List<Tool> tools(ObjectNode root) {
    Optional<ArrayNode> array = Fields.optArray(root, "tools", "");
    if (array.isEmpty()) {
      return List.of();
    }
    List<Tool> tools = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.get().size(); i++) {
      String at = index("tools", i);
      ObjectNode tool = Fields.object(array.get().get(i), at);
      Optional<String> type = Fields.optString(tool, "type", at);
      if (type.isPresent() && !type.get().equals("custom")) {
        throw invalid(path(at, "type"), "tool type " + ClientText.quote(type.get())
            + " (a server tool) is not supported; only client tools with 'input_schema' are");
      }
      String name = ToolNames.check(Fields.reqString(tool, "name", at), path(at, "name"));
      if (!names.add(name)) {
        throw invalid(path(at, "name"), "tool name '" + name + "' is defined twice");
      }
      ObjectNode schema = ToolNames.objectSchema(
          Fields.reqObject(tool, "input_schema", at), path(at, "input_schema"));
      tools.add(new Tool(name, Fields.optString(tool, "description", at), schema, cached(tool)));
    }
    return tools;
  }

  private static Optional<ToolChoice> toolChoice(ObjectNode root, List<Tool> tools) {
    Optional<ObjectNode> node = Fields.optObject(root, "tool_choice", "");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode choice = node.get();
    String type = Fields.reqString(choice, "type", "tool_choice");
    ToolChoice result = switch (type) {
      case "auto" -> new ToolChoice.Auto();
      case "any" -> new ToolChoice.Required();
      case "none" -> new ToolChoice.None();
      case "tool" -> new ToolChoice.Named(Fields.reqString(choice, "name", "tool_choice"));
      default -> throw invalid("tool_choice.type", "'tool_choice.type' must be auto, any, tool "
          + "or none; got " + ClientText.quote(type));
    };
    ToolNames.checkChoice(result, tools, "tool_choice");
    return Optional.of(result);
  }
}
