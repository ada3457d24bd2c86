package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
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
import java.util.List;

/**
 * A canonical request as the Chat Completions JSON sent to an OpenAI-compatible upstream.
 *
 * <p>Tool results may hold images (an Anthropic client's screenshot or file read), but a
 * {@code tool} message carries text only. Each such result keeps its text, says how many images
 * it returned, and its images follow in one user message after the run of tool messages, each
 * group introduced by the call it came from: results must directly follow the call's turn, so the
 * images cannot sit between them.
 *
 * <p>Reasoning goes as {@code reasoning_effort}: an OpenAI client's level as it is, an Anthropic
 * client's thinking budget as the level {@link ReasoningBudgets} maps it to ({@code adaptive}
 * leaves the level to the model's default). Thinking blocks replayed in history are left out:
 * the format has no place for them.
 */
final class OpenAiRequestEncoder {
  private OpenAiRequestEncoder() {}

  static ObjectNode encode(ChatRequest request, TokenLimitField limitField) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("model", request.model());
    ArrayNode messages = root.putArray("messages");
    List<Message> all = request.messages();
    ArrayNode toolImages = Json.NODES.arrayNode();
    for (int i = 0; i < all.size(); i++) {
      Message m = all.get(i).withoutReasoning();
      if (m.role() == Role.TOOL && m.hasImages()) {
        messages.add(toolResultText(m));
        toolImages.addAll(toolResultImages(m));
      } else {
        messages.add(message(m, "messages[" + i + "]"));
      }
      boolean runEnds = i + 1 == all.size() || all.get(i + 1).role() != Role.TOOL;
      if (runEnds && !toolImages.isEmpty()) {
        messages.addObject().put("role", "user").set("content", toolImages);
        toolImages = Json.NODES.arrayNode();
      }
    }
    tools(request, root);
    request.responseFormat().ifPresent(f -> root.set("response_format", responseFormat(f)));
    sampling(request.sampling(), limitField, root);
    if (request.stream()) {
      root.put("stream", true);
      root.putObject("stream_options").put("include_usage", true);
    }
    return root;
  }

  private static ObjectNode message(Message message, String param) {
    ObjectNode out = Json.NODES.objectNode();
    switch (message.role()) {
      case SYSTEM -> {
        out.put("role", "system");
        out.set("content", textOnly(message, param));
      }
      case USER -> {
        out.put("role", "user");
        out.set("content", content(message.content()));
      }
      case ASSISTANT -> assistant(message, param, out);
      case TOOL -> {
        out.put("role", "tool");
        out.put("tool_call_id", message.toolCallId().orElseThrow());
        out.set("content", textOnly(message, param));
      }
    }
    message.name().ifPresent(n -> out.put("name", n));
    return out;
  }

  private static void assistant(Message message, String param, ObjectNode out) {
    out.put("role", "assistant");
    if (message.content().isEmpty() && !message.toolCalls().isEmpty()) {
      out.putNull("content");
    } else if (message.content().isEmpty()) {
      // Content may be null only beside tool calls; an empty turn is an empty string.
      out.put("content", "");
    } else {
      out.set("content", textOnly(message, param));
    }
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = out.putArray("tool_calls");
      message.toolCalls().forEach(call -> calls.add(toolCall(call)));
    }
  }

  private static ObjectNode toolResultText(Message m) {
    List<ContentPart> texts = m.content().stream()
        .filter(ContentPart.Text.class::isInstance)
        .toList();
    long images = m.content().size() - texts.size();
    List<ContentPart> content = new ArrayList<>(texts);
    content.add(new ContentPart.Text("[the tool returned " + images
        + (images == 1 ? " image" : " images") + ", attached in the next user message]"));
    ObjectNode out = Json.NODES.objectNode();
    out.put("role", "tool");
    out.put("tool_call_id", m.toolCallId().orElseThrow());
    out.set("content", content(content));
    return out;
  }

  private static ArrayNode toolResultImages(Message m) {
    ArrayNode parts = Json.NODES.arrayNode();
    parts.add(part(new ContentPart.Text(
        "Images returned by tool call " + m.toolCallId().orElseThrow() + ":")));
    m.content().stream()
        .filter(ContentPart.Image.class::isInstance)
        .forEach(image -> parts.add(part(image)));
    return parts;
  }

  static ObjectNode toolCall(ToolCall call) {
    ObjectNode out = Json.NODES.objectNode();
    out.put("id", call.id());
    out.put("type", "function");
    ObjectNode function = out.putObject("function");
    function.put("name", call.name());
    // A call without arguments is "{}", as OpenAI sends it; "" does not parse as JSON.
    function.put("arguments", call.argumentsJson().isBlank() ? "{}" : call.argumentsJson());
    return out;
  }

  /** One text part as a plain string, several as an array of text parts. */
  private static JsonNode textOnly(Message message, String param) {
    if (message.hasImages()) {
      throw Fields.invalid(param, "'" + param + "' carries an image, which an OpenAI-format "
          + "upstream accepts only in user messages");
    }
    return content(message.content());
  }

  private static JsonNode content(List<ContentPart> parts) {
    if (parts.size() == 1 && parts.getFirst() instanceof ContentPart.Text text) {
      return Json.NODES.textNode(text.text());
    }
    ArrayNode array = Json.NODES.arrayNode();
    for (ContentPart part : parts) {
      array.add(part(part));
    }
    return array;
  }

  private static ObjectNode part(ContentPart part) {
    ObjectNode out = Json.NODES.objectNode();
    switch (part) {
      case ContentPart.Text text -> {
        out.put("type", "text");
        out.put("text", text.text());
      }
      case ContentPart.Thinking thinking -> throw new IllegalArgumentException(
          "reasoning parts are left out before encoding");
      case ContentPart.RedactedThinking redacted -> throw new IllegalArgumentException(
          "reasoning parts are left out before encoding");
      case ContentPart.Image image -> {
        out.put("type", "image_url");
        ObjectNode url = out.putObject("image_url");
        url.put("url", image.isInline() ? Images.dataUri(image) : image.url());
        if (image.detail() != null) {
          url.put("detail", image.detail());
        }
      }
    }
    return out;
  }

  private static void tools(ChatRequest request, ObjectNode root) {
    if (!request.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      request.tools().forEach(tool -> tools.add(tool(tool)));
      if (!request.parallelToolCalls()) {
        // Sent only beside tools, and only when false: servers refuse it without tools.
        root.put("parallel_tool_calls", false);
      }
    }
    request.toolChoice().ifPresent(choice -> root.set("tool_choice", toolChoice(choice)));
  }

  private static ObjectNode tool(Tool tool) {
    ObjectNode out = Json.NODES.objectNode();
    out.put("type", "function");
    ObjectNode function = out.putObject("function");
    function.put("name", tool.name());
    tool.description().ifPresent(d -> function.put("description", d));
    function.set("parameters", tool.parametersSchema().deepCopy());
    return out;
  }

  private static JsonNode toolChoice(ToolChoice choice) {
    return switch (choice) {
      case ToolChoice.Auto auto -> Json.NODES.textNode("auto");
      case ToolChoice.None none -> Json.NODES.textNode("none");
      case ToolChoice.Required required -> Json.NODES.textNode("required");
      case ToolChoice.Named named -> {
        ObjectNode out = Json.NODES.objectNode();
        out.put("type", "function");
        out.putObject("function").put("name", named.name());
        yield out;
      }
    };
  }

  private static ObjectNode responseFormat(ResponseFormat format) {
    ObjectNode out = Json.NODES.objectNode();
    switch (format) {
      case ResponseFormat.Text text -> out.put("type", "text");
      case ResponseFormat.JsonObject object -> out.put("type", "json_object");
      case ResponseFormat.JsonSchema schema -> {
        out.put("type", "json_schema");
        ObjectNode spec = out.putObject("json_schema");
        spec.put("name", schema.name());
        if (!schema.schema().isEmpty()) {
          spec.set("schema", schema.schema().deepCopy());
        }
        spec.put("strict", schema.strict());
      }
    }
    return out;
  }

  private static void sampling(Sampling sampling, TokenLimitField limitField, ObjectNode root) {
    sampling.maxTokens().ifPresent(t -> root.put(limitField.jsonName(), t));
    sampling.temperature().ifPresent(t -> root.put("temperature", t));
    sampling.topP().ifPresent(p -> root.put("top_p", p));
    sampling.seed().ifPresent(s -> root.put("seed", s));
    if (sampling.n() > 1) {
      root.put("n", sampling.n());
    }
    if (!sampling.stop().isEmpty()) {
      // OpenAI refuses more than four; the rest are applied to the answer by the caller.
      ArrayNode stop = root.putArray("stop");
      sampling.stop().stream().limit(StopSequences.OPENAI_LIMIT).forEach(stop::add);
    }
    sampling.user().ifPresent(u -> root.put("user", u));
    sampling.reasoning().ifPresent(r -> {
      switch (r) {
        case Reasoning.Effort effort -> root.put("reasoning_effort", effort.level());
        case Reasoning.Budget budget ->
            root.put("reasoning_effort", ReasoningBudgets.effort(budget.tokens()));
        case Reasoning.Adaptive adaptive -> { }
      }
    });
  }
}
