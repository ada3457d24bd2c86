package dev.gearbox.cache;

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
import dev.gearbox.wire.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Derives cache keys from a canonical request. The key covers everything that changes the answer:
 * the model or alias asked for, every message (system prompt, prior turns, tool calls and tool
 * results, images by digest), tools, tool_choice, response_format and the sampling parameters
 * (temperature, top_p, seed, n, stop, max tokens). It leaves out what does not: {@code stream},
 * {@code stream_options} and the end-user id. The namespace (tenant and data label) is hashed in
 * first, so two tenants or two labels never share a key. A tier pin on a router alias is part of
 * the request: {@code auto} pinned to the frontier is another model than {@code auto} unpinned.
 */
public final class CacheKeys {
  private CacheKeys() {}

  /** The key of {@code request} in the namespace of {@code tenant} and {@code dataLabel}. */
  public static CacheKey of(ChatRequest request, String tenant, String dataLabel) {
    return of(request, tenant, dataLabel, Optional.empty());
  }

  /** The key of {@code request} sent to a router alias pinned to {@code tierPin}. */
  public static CacheKey of(
      ChatRequest request, String tenant, String dataLabel, Optional<String> tierPin) {
    String exact = sha256("exact", tenant, dataLabel,
        canonical(request, request.messages(), tierPin));
    Optional<String> prompt = semanticPrompt(request);
    Optional<String> scope = prompt.map(p -> sha256("scope", tenant, dataLabel,
        canonical(request, request.messages().subList(0, request.messages().size() - 1),
            tierPin)));
    return new CacheKey(exact, scope, prompt);
  }

  /** The last message's text when it is a user message of text only, else empty. */
  static Optional<String> semanticPrompt(ChatRequest request) {
    Message last = request.messages().getLast();
    boolean plainUserText = last.role() == Role.USER
        && last.toolCalls().isEmpty()
        && last.content().stream().allMatch(ContentPart.Text.class::isInstance)
        && !last.text().isBlank();
    return plainUserText ? Optional.of(last.text()) : Optional.empty();
  }

  private static String canonical(
      ChatRequest request, List<Message> messages, Optional<String> tierPin) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model", request.model());
    // Only when pinned, so that keys of unpinned requests stay what they were.
    tierPin.ifPresent(tier -> root.put("tier_pin", tier));
    ArrayNode turns = root.putArray("messages");
    messages.forEach(m -> turns.add(message(m)));
    ArrayNode tools = root.putArray("tools");
    request.tools().forEach(t -> tools.add(tool(t)));
    root.put("tool_choice", request.toolChoice().map(CacheKeys::toolChoice).orElse("unset"));
    if (!request.parallelToolCalls()) {
      // Only when set, so that keys of requests without it stay what they were.
      root.put("parallel_tool_calls", false);
    }
    root.set("response_format",
        request.responseFormat().map(CacheKeys::responseFormat).orElse(null));
    root.set("sampling", sampling(request.sampling()));
    return root.toString();
  }

  private static ObjectNode message(Message message) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("role", message.role().name());
    ArrayNode parts = node.putArray("content");
    message.content().forEach(part -> parts.add(part(part)));
    ArrayNode calls = node.putArray("tool_calls");
    for (ToolCall call : message.toolCalls()) {
      calls.addObject().put("id", call.id()).put("name", call.name())
          .put("arguments", call.argumentsJson());
    }
    message.toolCallId().ifPresent(id -> node.put("tool_call_id", id));
    message.name().ifPresent(name -> node.put("name", name));
    return node;
  }

  private static ObjectNode part(ContentPart part) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    switch (part) {
      case ContentPart.Text text -> node.put("text", text.text());
      case ContentPart.Image image -> node
          .put("image_url", image.url())
          .put("media_type", image.mediaType())
          .put("data_sha256", image.isInline() ? sha256(image.base64Data()) : null)
          .put("detail", image.detail());
      case ContentPart.Thinking thinking -> node
          .put("thinking", thinking.text())
          .put("signature", thinking.signature());
      case ContentPart.RedactedThinking redacted -> node
          .put("redacted_thinking_sha256", sha256(redacted.data()));
    }
    return node;
  }

  private static ObjectNode tool(Tool tool) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("name", tool.name());
    node.put("description", tool.description().orElse(null));
    node.set("parameters", tool.parametersSchema());
    return node;
  }

  private static String toolChoice(ToolChoice choice) {
    return switch (choice) {
      case ToolChoice.Auto ignored -> "auto";
      case ToolChoice.None ignored -> "none";
      case ToolChoice.Required ignored -> "required";
      case ToolChoice.Named named -> "named:" + named.name();
    };
  }

  private static ObjectNode responseFormat(ResponseFormat format) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    switch (format) {
      case ResponseFormat.Text ignored -> node.put("type", "text");
      case ResponseFormat.JsonObject ignored -> node.put("type", "json_object");
      case ResponseFormat.JsonSchema schema -> node.put("type", "json_schema")
          .put("name", schema.name()).put("strict", schema.strict())
          .set("schema", schema.schema());
    }
    return node;
  }

  private static ObjectNode sampling(Sampling sampling) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    sampling.maxTokens().ifPresent(v -> node.put("max_tokens", v));
    sampling.temperature().ifPresent(v -> node.put("temperature", v));
    sampling.topP().ifPresent(v -> node.put("top_p", v));
    sampling.seed().ifPresent(v -> node.put("seed", v));
    node.put("n", sampling.n());
    ArrayNode stop = node.putArray("stop");
    sampling.stop().forEach(stop::add);
    // Only when asked for, so that keys of requests without it stay what they were.
    sampling.reasoning().ifPresent(r -> node.put("reasoning", switch (r) {
      case Reasoning.Effort effort -> "effort:" + effort.level();
      case Reasoning.Budget budget -> "budget:" + budget.tokens();
      case Reasoning.Adaptive adaptive -> "adaptive";
    }));
    return node;
  }

  static String sha256(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
