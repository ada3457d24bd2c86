package dev.gearbox.wire;

import static dev.gearbox.wire.Fields.index;
import static dev.gearbox.wire.Fields.invalid;
import static dev.gearbox.wire.Fields.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Dialect;
import dev.gearbox.model.ClientText;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.Reasoning;
import dev.gearbox.model.ResponseFormat;
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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Client Chat Completions JSON to a canonical request, refusing with a 400 that names the
 * parameter whatever the gateway could not honour faithfully.
 *
 * <p>Unknown fields are ignored, because SDKs add new ones all the time. Known fields that would
 * change the answer and that the gateway cannot pass on ({@link UnsupportedParams}) are refused
 * instead of dropped. One deliberate exception: {@code tools[].function.strict} is accepted and
 * not forwarded, as agent SDKs send it by default and it only tightens how the upstream decodes
 * arguments that the request already describes. {@code cache_control} on a text part (the
 * convention of gateways that front Anthropic) is kept as a cache breakpoint.
 */
final class OpenAiRequestDecoder {
  private static final String ROLES = "system, developer, user, assistant, tool";
  /**
   * Most choices one request may ask for: OpenAI's own limit. An upstream that returns one choice
   * per call is called once per choice, so n also bounds the calls one request can start.
   */
  private static final int MAX_CHOICES = 128;
  private static final Pattern NAME = Pattern.compile("[^\\s<|\\\\/>]{1,64}");

  private OpenAiRequestDecoder() {}

  static ChatRequest decode(byte[] body) {
    ObjectNode root = JsonBody.parseRequest(body);
    UnsupportedParams.OPENAI.check(root);
    String model = ModelField.read(root);
    List<Message> messages = messages(Fields.reqArray(root, "messages", ""));
    List<Tool> tools = tools(root);
    Optional<ToolChoice> toolChoice = toolChoice(root, tools);
    Optional<ResponseFormat> format = responseFormat(root);
    boolean stream = Fields.optBoolean(root, "stream", "").orElse(false);
    boolean includeUsage = Fields.optObject(root, "stream_options", "")
        .flatMap(o -> Fields.optBoolean(o, "include_usage", "stream_options"))
        .orElse(false);
    boolean parallelToolCalls = Fields.optBoolean(root, "parallel_tool_calls", "").orElse(true);
    return new ChatRequest(model, messages, tools, toolChoice, format, sampling(root), stream,
        includeUsage, parallelToolCalls, Dialect.OPENAI);
  }

  // ---- messages ----------------------------------------------------------------------------

  private static List<Message> messages(ArrayNode array) {
    if (array.isEmpty()) {
      throw invalid("messages", "'messages' must hold at least one message");
    }
    List<Message> messages = new ArrayList<>(array.size());
    ToolResultPairing pairing = new ToolResultPairing();
    for (int i = 0; i < array.size(); i++) {
      String at = index("messages", i);
      Message message = message(array.get(i), at);
      switch (message.role()) {
        case ASSISTANT -> pairing.assistant(message);
        case TOOL -> pairing.result(message.toolCallId().orElseThrow(), path(at, "tool_call_id"));
        case USER -> pairing.userTurn();
        case SYSTEM -> { }
      }
      messages.add(message);
    }
    return messages;
  }

  private static Message message(JsonNode node, String param) {
    ObjectNode m = Fields.object(node, param);
    String role = Fields.reqString(m, "role", param);
    Optional<String> name = Fields.optString(m, "name", param).map(n -> name(n, param));
    return switch (role) {
      case "system", "developer" -> new Message(
          Role.SYSTEM, textContent(m, param), List.of(), Optional.empty(), name);
      case "user" -> new Message(
          Role.USER, userContent(m, param), List.of(), Optional.empty(), name);
      case "assistant" -> assistant(m, param, name);
      case "tool" -> tool(m, param);
      case "function" -> throw invalid(path(param, "role"), "role 'function' (the legacy "
          + "function-calling API) is not supported; send tool results with role 'tool' and "
          + "'tool_call_id'");
      default -> throw invalid(path(param, "role"), "'" + path(param, "role")
          + "' must be one of " + ROLES + "; got " + ClientText.quote(role));
    };
  }

  /**
   * A participant name, as OpenAI's API takes it: 1 to 64 characters without whitespace or any of
   * {@code < | \ / >}. Refused here rather than by whichever upstream the route reaches, so the
   * same request does not pass on one route and fail on another.
   */
  private static String name(String name, String param) {
    String at = path(param, "name");
    if (!NAME.matcher(name).matches()) {
      throw invalid(at, "'" + at + "' must be 1 to 64 characters without spaces or any of "
          + "< | \\ / >; got " + ClientText.quote(name));
    }
    return name;
  }

  private static Message assistant(ObjectNode m, String param, Optional<String> name) {
    if (Fields.opt(m, "function_call").isPresent()) {
      throw invalid(path(param, "function_call"), "'function_call' on messages (the legacy "
          + "function-calling API) is not supported; use 'tool_calls'");
    }
    List<ToolCall> calls = toolCalls(m, param);
    boolean hasContent = Fields.opt(m, "content").isPresent();
    if (!hasContent && calls.isEmpty()) {
      throw invalid(path(param, "content"),
          "'" + param + "' is an assistant message without 'content' or 'tool_calls'");
    }
    boolean emptyBesideCalls = !calls.isEmpty() && hasContent
        && m.get("content").isArray() && m.get("content").isEmpty();
    List<ContentPart> content = hasContent && !emptyBesideCalls ? textContent(m, param) : List.of();
    return new Message(Role.ASSISTANT, content, calls, Optional.empty(), name);
  }

  private static Message tool(ObjectNode m, String param) {
    String callId = Fields.reqNonEmptyString(m, "tool_call_id", param);
    List<ContentPart> content = textContent(m, param);
    return new Message(Role.TOOL, content, List.of(), Optional.of(callId), Optional.empty());
  }

  private static List<ToolCall> toolCalls(ObjectNode m, String param) {
    Optional<ArrayNode> array = Fields.optArray(m, "tool_calls", param);
    if (array.isEmpty()) {
      return List.of();
    }
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < array.get().size(); i++) {
      String at = index(path(param, "tool_calls"), i);
      ObjectNode call = Fields.object(array.get().get(i), at);
      requireFunctionType(call, at);
      ObjectNode function = Fields.reqObject(call, "function", at);
      String fn = path(at, "function");
      calls.add(new ToolCall(Fields.reqNonEmptyString(call, "id", at),
          Fields.reqNonEmptyString(function, "name", fn),
          Fields.optString(function, "arguments", fn).orElse("")));
    }
    return calls;
  }

  private static void requireFunctionType(ObjectNode object, String param) {
    Optional<String> type = Fields.optString(object, "type", param);
    if (type.isPresent() && !type.get().equals("function")) {
      throw invalid(path(param, "type"), "'" + path(param, "type") + "' must be 'function'; got "
          + ClientText.quote(type.get()));
    }
  }

  // ---- content -----------------------------------------------------------------------------

  private static List<ContentPart> textContent(ObjectNode m, String param) {
    return content(m, param, false);
  }

  private static List<ContentPart> userContent(ObjectNode m, String param) {
    return content(m, param, true);
  }

  private static List<ContentPart> content(ObjectNode m, String param, boolean imagesAllowed) {
    JsonNode content = Fields.required(m, "content", param);
    String at = path(param, "content");
    if (content.isTextual()) {
      return List.of(new ContentPart.Text(content.textValue()));
    }
    if (!content.isArray()) {
      throw Fields.wrongType(at, "a string or an array of content parts", content);
    }
    if (content.isEmpty()) {
      throw invalid(at, "'" + at + "' is an empty array; send at least one content part, or a "
          + "string");
    }
    List<ContentPart> parts = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      parts.add(part(content.get(i), index(at, i), imagesAllowed));
    }
    return parts;
  }

  private static ContentPart part(JsonNode node, String param, boolean imagesAllowed) {
    ObjectNode part = Fields.object(node, param);
    String type = Fields.reqString(part, "type", param);
    String accepted = imagesAllowed ? "text or image_url" : "text";
    return switch (type) {
      case "text" -> new ContentPart.Text(Fields.reqString(part, "text", param),
          Fields.opt(part, "cache_control").isPresent());
      case "refusal" -> new ContentPart.Text(Fields.reqString(part, "refusal", param));
      case "image_url" -> {
        if (!imagesAllowed) {
          throw invalid(path(param, "type"), "'" + param + "' is an image, but only user "
              + "messages may carry images; expected " + accepted);
        }
        yield image(part, param);
      }
      case "input_audio", "file" -> throw invalid(path(param, "type"), "content part type '"
          + type + "' is not supported; expected " + accepted);
      default -> throw invalid(path(param, "type"), "unknown content part type "
          + ClientText.quote(type) + " in '" + param + "'; expected " + accepted);
    };
  }

  private static ContentPart.Image image(ObjectNode part, String param) {
    JsonNode imageUrl = Fields.required(part, "image_url", param);
    String at = path(param, "image_url");
    if (imageUrl.isTextual()) {
      return Images.fromOpenAiUrl(imageUrl.textValue(), Optional.empty(), at);
    }
    ObjectNode object = Fields.object(imageUrl, at);
    String url = Fields.reqString(object, "url", at);
    Optional<String> detail = Fields.optString(object, "detail", at);
    if (detail.isPresent() && !Set.of("auto", "low", "high").contains(detail.get())) {
      throw invalid(path(at, "detail"), "'" + path(at, "detail")
          + "' must be one of auto, low, high; got " + ClientText.quote(detail.get()));
    }
    return Images.fromOpenAiUrl(url, detail, path(at, "url"));
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
      String type = Fields.reqString(tool, "type", at);
      if (!type.equals("function")) {
        throw invalid(path(at, "type"), "tool type " + ClientText.quote(type)
            + " is not supported; only 'function' tools are");
      }
      ObjectNode function = Fields.reqObject(tool, "function", at);
      String fn = path(at, "function");
      String name = ToolNames.check(Fields.reqString(function, "name", fn), path(fn, "name"));
      if (!names.add(name)) {
        throw invalid(path(fn, "name"), "tool name '" + name + "' is defined twice");
      }
      JsonNode schema = Fields.optObject(function, "parameters", fn)
          .map(o -> ToolNames.objectSchema(o, path(fn, "parameters")))
          .orElseGet(ToolNames::emptySchema);
      tools.add(new Tool(name, Fields.optString(function, "description", fn), schema));
    }
    return tools;
  }

  private static Optional<ToolChoice> toolChoice(ObjectNode root, List<Tool> tools) {
    Optional<JsonNode> node = Fields.opt(root, "tool_choice");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    ToolChoice choice = node.get().isTextual()
        ? namedMode(node.get().textValue())
        : function(Fields.object(node.get(), "tool_choice"));
    ToolNames.checkChoice(choice, tools, "tool_choice");
    return Optional.of(choice);
  }

  private static ToolChoice namedMode(String mode) {
    return switch (mode) {
      case "auto" -> new ToolChoice.Auto();
      case "none" -> new ToolChoice.None();
      case "required" -> new ToolChoice.Required();
      default -> throw invalid("tool_choice", "'tool_choice' must be auto, none, required or "
          + "{\"type\":\"function\",\"function\":{\"name\":...}}; got " + ClientText.quote(mode));
    };
  }

  private static ToolChoice function(ObjectNode choice) {
    String type = Fields.reqString(choice, "type", "tool_choice");
    if (!type.equals("function")) {
      throw invalid("tool_choice.type", "'tool_choice.type' must be 'function'; got "
          + ClientText.quote(type));
    }
    ObjectNode function = Fields.reqObject(choice, "function", "tool_choice");
    return new ToolChoice.Named(Fields.reqString(function, "name", "tool_choice.function"));
  }

  // ---- response format and sampling -------------------------------------------------------

  private static Optional<ResponseFormat> responseFormat(ObjectNode root) {
    Optional<ObjectNode> format = Fields.optObject(root, "response_format", "");
    if (format.isEmpty()) {
      return Optional.empty();
    }
    String type = Fields.reqString(format.get(), "type", "response_format");
    return Optional.of(switch (type) {
      case "text" -> new ResponseFormat.Text();
      case "json_object" -> new ResponseFormat.JsonObject();
      case "json_schema" -> jsonSchema(format.get());
      default -> throw invalid("response_format.type", "'response_format.type' must be text, "
          + "json_object or json_schema; got " + ClientText.quote(type));
    });
  }

  private static ResponseFormat jsonSchema(ObjectNode format) {
    String at = "response_format.json_schema";
    ObjectNode spec = Fields.reqObject(format, "json_schema", "response_format");
    String name = Fields.reqNonEmptyString(spec, "name", at);
    JsonNode schema = Fields.optObject(spec, "schema", at)
        .<JsonNode>map(o -> o)
        .orElseGet(Json.NODES::objectNode);
    boolean strict = Fields.optBoolean(spec, "strict", at).orElse(false);
    return new ResponseFormat.JsonSchema(name, schema, strict);
  }

  private static Sampling sampling(ObjectNode root) {
    OptionalInt maxTokens = maxTokens(root);
    int n = Fields.optInt(root, "n", "", 1, MAX_CHOICES).orElse(1);
    return new Sampling(maxTokens,
        Fields.optNumber(root, "temperature", "", 0, 2),
        Fields.optNumber(root, "top_p", "", 0, 1),
        Fields.optLong(root, "seed", ""),
        n,
        StopSequences.read(root, "stop"),
        Fields.optString(root, "user", ""),
        reasoningEffort(root));
  }

  private static Optional<Reasoning> reasoningEffort(ObjectNode root) {
    Optional<String> level = Fields.optString(root, "reasoning_effort", "");
    if (level.isPresent() && !Reasoning.LEVELS.contains(level.get())) {
      throw invalid("reasoning_effort", "'reasoning_effort' must be one of "
          + String.join(", ", Reasoning.LEVELS) + "; got " + ClientText.quote(level.get()));
    }
    return level.map(Reasoning.Effort::new);
  }

  private static OptionalInt maxTokens(ObjectNode root) {
    OptionalInt completion = Fields.optInt(root, "max_completion_tokens", "", 1);
    OptionalInt legacy = Fields.optInt(root, "max_tokens", "", 1);
    if (completion.isPresent() && legacy.isPresent()
        && completion.getAsInt() != legacy.getAsInt()) {
      throw invalid("max_tokens", "'max_tokens' (" + legacy.getAsInt() + ") and "
          + "'max_completion_tokens' (" + completion.getAsInt() + ") disagree; send one of them");
    }
    return completion.isPresent() ? completion : legacy;
  }
}
