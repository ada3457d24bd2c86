package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Message;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages answers, both directions. Thinking and redacted_thinking blocks are kept (with their
 * signatures) as the answer's reasoning, which Anthropic clients get back first in the content
 * so that they can replay it; other blocks (server tool results) are skipped, as the gateway
 * never asks for them.
 *
 * <p>Usage: Anthropic's {@code input_tokens} counts only the uncached prompt tokens, beside
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}; the canonical input
 * count is their sum (see {@link Usage}), and writing splits it back.
 */
final class AnthropicResponses {
  private static final String WHAT = "the upstream answer";

  private AnthropicResponses() {}

  static ChatResponse decode(byte[] body, Clock clock) {
    ObjectNode root = JsonBody.parseUpstream(body, WHAT);
    if ("error".equals(root.path("type").asText())) {
      throw UpstreamErrors.fromStream(root.path("error"), root.toString()).toException();
    }
    return UpstreamShape.read(WHAT, () -> response(root, clock));
  }

  private static ChatResponse response(ObjectNode root, Clock clock) {
    StringBuilder text = new StringBuilder();
    List<ContentPart> reasoning = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    ArrayNode content = Fields.reqArray(root, "content", "");
    for (int i = 0; i < content.size(); i++) {
      String at = Fields.index("content", i);
      ObjectNode block = Fields.object(content.get(i), at);
      switch (block.path("type").asText()) {
        case "text" -> text.append(Fields.reqString(block, "text", at));
        case "tool_use" -> calls.add(new ToolCall(Fields.reqString(block, "id", at),
            Fields.reqString(block, "name", at), Fields.reqObject(block, "input", at).toString()));
        case "thinking" -> reasoning.add(new ContentPart.Thinking(
            Fields.optString(block, "thinking", at).orElse(""),
            Fields.optString(block, "signature", at).orElse("")));
        case "redacted_thinking" -> reasoning.add(new ContentPart.RedactedThinking(
            Fields.optString(block, "data", at).orElse("")));
        default -> { }
      }
    }
    FinishReason reason = Fields.optString(root, "stop_reason", "")
        .map(r -> FinishReasons.ofTurn(FinishReasons.fromAnthropic(r), !calls.isEmpty()))
        .orElse(calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS);
    Usage usage = Fields.optObject(root, "usage", "")
        .map(AnthropicResponses::usage)
        .orElse(Usage.NONE);
    return new ChatResponse(
        Fields.optString(root, "id", "").orElse(""),
        Fields.optString(root, "model", "").orElse(""),
        clock.instant().getEpochSecond(),
        List.of(new Choice(0, Message.answer(reasoning, text.toString(), calls), reason,
            FinishReasons.anthropicStopSequence(root))),
        usage);
  }

  /** Canonical usage from an Anthropic usage object (message, message_start or message_delta). */
  static Usage usage(JsonNode usage) {
    long uncached = Math.max(0, usage.path("input_tokens").asLong(0));
    long cacheRead = Math.max(0, usage.path("cache_read_input_tokens").asLong(0));
    long cacheWrite = Math.max(0, usage.path("cache_creation_input_tokens").asLong(0));
    long output = Math.max(0, usage.path("output_tokens").asLong(0));
    return new Usage(uncached + cacheRead + cacheWrite, output, cacheRead, cacheWrite, 0,
        UsageSource.UPSTREAM);
  }

  // ---- encoding ----------------------------------------------------------------------------

  static ObjectNode encode(ChatResponse response) {
    Choice choice = response.first();
    ObjectNode root = Json.NODES.objectNode();
    root.put("id", ResponseIds.anthropic(response.id()));
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", response.model());
    root.set("content", content(choice.message()));
    FinishReasons.putAnthropic(root, choice.finishReason(), choice.stopSequence());
    root.set("usage", usageJson(response.usage()));
    return root;
  }

  private static ArrayNode content(Message message) {
    ArrayNode content = Json.NODES.arrayNode();
    for (ContentPart part : message.reasoning()) {
      content.add(reasoningBlock(part));
    }
    String text = message.text();
    if (!text.isEmpty()) {
      ObjectNode block = content.addObject();
      block.put("type", "text");
      block.put("text", text);
    }
    for (ToolCall call : message.toolCalls()) {
      content.add(toolUse(call));
    }
    return content;
  }

  static ObjectNode reasoningBlock(ContentPart part) {
    ObjectNode block = Json.NODES.objectNode();
    switch (part) {
      case ContentPart.Thinking thinking -> {
        block.put("type", "thinking");
        block.put("thinking", thinking.text());
        block.put("signature", thinking.signature());
      }
      case ContentPart.RedactedThinking redacted -> {
        block.put("type", "redacted_thinking");
        block.put("data", redacted.data());
      }
      default -> throw new IllegalArgumentException("not a reasoning part");
    }
    return block;
  }

  /** A tool_use block; arguments that are not a JSON object are the upstream model's fault. */
  static ObjectNode toolUse(ToolCall call) {
    try {
      return AnthropicRequestEncoder.toolUse(call, "tool call '" + call.name() + "' arguments");
    } catch (GatewayException e) {
      throw new GatewayException(new GatewayError.UpstreamFailed("the model produced arguments "
          + "for tool '" + call.name() + "' that are not a JSON object", 502, 0), e);
    }
  }

  static ObjectNode usageJson(Usage usage) {
    ObjectNode out = Json.NODES.objectNode();
    out.put("input_tokens", usage.uncachedInputTokens());
    out.put("output_tokens", usage.outputTokens());
    out.put("cache_read_input_tokens", usage.cachedInputTokens());
    out.put("cache_creation_input_tokens", usage.cacheWriteTokens());
    return out;
  }
}
