package dev.gearbox.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import dev.gearbox.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored form of a cached response: the canonical answer, not either wire format, so that an
 * answer cached from an OpenAI client is served to an Anthropic client (and the reverse) exactly.
 */
final class AnswerJson {
  private AnswerJson() {}

  static String write(ChatResponse response) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", response.id());
    root.put("model", response.model());
    root.put("created", response.createdEpochSeconds());
    ArrayNode choices = root.putArray("choices");
    response.choices().forEach(choice -> choices.add(choice(choice)));
    root.set("usage", usage(response.usage()));
    return root.toString();
  }

  /**
   * @throws IllegalArgumentException when {@code json} is not a stored answer
   */
  static ChatResponse read(String json) {
    try {
      JsonNode root = Json.MAPPER.readTree(json);
      List<Choice> choices = new ArrayList<>();
      root.path("choices").forEach(node -> choices.add(choice(node)));
      return new ChatResponse(root.path("id").asText(), root.path("model").asText(),
          root.path("created").asLong(), choices, usage(root.path("usage")));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a stored answer: " + e.getMessage(), e);
    }
  }

  private static ObjectNode choice(Choice choice) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("index", choice.index());
    node.put("text", choice.message().text());
    ArrayNode reasoning = node.putArray("reasoning");
    for (ContentPart part : choice.message().reasoning()) {
      switch (part) {
        case ContentPart.Thinking t ->
            reasoning.addObject().put("thinking", t.text()).put("signature", t.signature());
        case ContentPart.RedactedThinking r -> reasoning.addObject().put("redacted", r.data());
        default -> { }
      }
    }
    ArrayNode calls = node.putArray("tool_calls");
    for (ToolCall call : choice.message().toolCalls()) {
      calls.addObject().put("id", call.id()).put("name", call.name())
          .put("arguments", call.argumentsJson());
    }
    node.put("finish_reason", choice.finishReason().name());
    choice.stopSequence().ifPresent(stop -> node.put("stop_sequence", stop));
    return node;
  }

  private static Choice choice(JsonNode node) {
    List<ToolCall> calls = new ArrayList<>();
    node.path("tool_calls").forEach(call -> calls.add(new ToolCall(call.path("id").asText(),
        call.path("name").asText(), call.path("arguments").asText())));
    List<ContentPart> reasoning = new ArrayList<>();
    node.path("reasoning").forEach(part -> reasoning.add(part.has("redacted")
        ? new ContentPart.RedactedThinking(part.path("redacted").asText())
        : new ContentPart.Thinking(part.path("thinking").asText(),
            part.path("signature").asText())));
    JsonNode stop = node.path("stop_sequence");
    return new Choice(node.path("index").asInt(),
        Message.answer(reasoning, node.path("text").asText(), calls),
        FinishReason.valueOf(node.path("finish_reason").asText()),
        stop.isTextual() ? Optional.of(stop.textValue()) : Optional.empty());
  }

  private static ObjectNode usage(Usage usage) {
    return Json.MAPPER.createObjectNode()
        .put("input", usage.inputTokens())
        .put("output", usage.outputTokens())
        .put("cached_input", usage.cachedInputTokens())
        .put("cache_write", usage.cacheWriteTokens())
        .put("reasoning", usage.reasoningTokens())
        .put("source", usage.source().name());
  }

  private static Usage usage(JsonNode node) {
    return new Usage(node.path("input").asLong(), node.path("output").asLong(),
        node.path("cached_input").asLong(), node.path("cache_write").asLong(),
        node.path("reasoning").asLong(), UsageSource.valueOf(node.path("source").asText()));
  }
}
