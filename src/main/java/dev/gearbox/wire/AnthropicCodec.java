package dev.gearbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import java.time.Clock;

/**
 * The Anthropic Messages format, both directions. Streams are handled by
 * {@link StreamWriter#anthropic} and {@link StreamReader#anthropic}.
 *
 * <p>Mapping to the canonical form: the top-level {@code system} becomes a leading SYSTEM
 * message; each {@code tool_result} block becomes a TOOL message, placed before the rest of its
 * user turn; {@code metadata.user_id} becomes the sampling user. Usage is canonicalised so that
 * input tokens count every prompt token, cache reads and cache writes included.
 */
public final class AnthropicCodec {
  private AnthropicCodec() {}

  /**
   * A client's request body in canonical form.
   *
   * @throws dev.gearbox.model.GatewayException {@code InvalidRequest} (400, naming the
   *     parameter) when the body is not a valid Messages request (for instance without
   *     {@code max_tokens}) or sets a parameter the gateway cannot honour
   */
  public static ChatRequest decodeRequest(byte[] body) {
    return AnthropicRequestDecoder.decode(body);
  }

  /**
   * A {@code count_tokens} body in canonical form: the Messages request it would count, for which
   * {@code max_tokens} is optional.
   *
   * @throws dev.gearbox.model.GatewayException {@code InvalidRequest} as {@link #decodeRequest}
   */
  public static ChatRequest decodeCountRequest(byte[] body) {
    return AnthropicRequestDecoder.decodeForCount(body);
  }

  /**
   * The request to send an Anthropic upstream.
   *
   * @param defaultMaxTokens the {@code max_tokens} to send when the request set none (the
   *     Messages API requires one)
   * @throws dev.gearbox.model.GatewayException {@code InvalidRequest} naming
   *     {@code response_format}, {@code n} or {@code temperature} when the request asks for what
   *     this API cannot do (a JSON response format, several choices, a temperature above 1)
   */
  public static ObjectNode encodeRequest(ChatRequest request, int defaultMaxTokens) {
    return AnthropicRequestEncoder.encode(request, defaultMaxTokens);
  }

  /**
   * An upstream's Messages answer in canonical form, dated by the system clock (the format
   * carries no creation time).
   *
   * @throws dev.gearbox.model.GatewayException {@code UpstreamFailed} (502) when the body is not a
   *     well-formed answer, or the error it says when the body is an error object
   */
  public static ChatResponse decodeResponse(byte[] body) {
    return decodeResponse(body, Clock.systemUTC());
  }

  /** As {@link #decodeResponse(byte[])}, dated by {@code clock}. */
  public static ChatResponse decodeResponse(byte[] body, Clock clock) {
    return AnthropicResponses.decode(body, clock);
  }

  /** A Messages answer for a client, from the first choice of {@code response}. */
  public static ObjectNode encodeResponse(ChatResponse response) {
    return AnthropicResponses.encode(response);
  }

  /** {@code {"type":"error","error":{"type","message"}}}. */
  public static ObjectNode encodeError(GatewayError error) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("type", "error");
    ObjectNode body = root.putObject("error");
    body.put("type", error.anthropicType());
    body.put("message", error.message());
    return root;
  }
}
