package dev.gearbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import java.util.List;

/**
 * The OpenAI Chat Completions format, both directions: client requests in and answers out, and
 * upstream requests out and answers in. Streams are handled by {@link StreamWriter#openAi} and
 * {@link StreamReader#openAi}.
 */
public final class OpenAiCodec {
  private OpenAiCodec() {}

  /**
   * A client's request body in canonical form.
   *
   * @throws dev.gearbox.model.GatewayException carrying {@link GatewayError.InvalidRequest}
   *     (400, with {@code param} set when one parameter is at fault) when the body is not a
   *     valid request, or sets a parameter the gateway cannot honour
   */
  public static ChatRequest decodeRequest(byte[] body) {
    return OpenAiRequestDecoder.decode(body);
  }

  /**
   * The request to send an OpenAI-compatible upstream, for {@code request.model()}, with the
   * token limit in {@code max_tokens}. A streamed request asks for usage in the stream.
   *
   * @throws dev.gearbox.model.GatewayException {@code InvalidRequest} when the request holds what
   *     this format cannot carry (an image in a tool result)
   */
  public static ObjectNode encodeRequest(ChatRequest request) {
    return encodeRequest(request, TokenLimitField.MAX_TOKENS);
  }

  /** As {@link #encodeRequest(ChatRequest)}, with the token limit in the given field. */
  public static ObjectNode encodeRequest(ChatRequest request, TokenLimitField limitField) {
    return OpenAiRequestEncoder.encode(request, limitField);
  }

  /**
   * The stop sequences {@link #encodeRequest} leaves out: OpenAI takes at most
   * {@value StopSequences#OPENAI_LIMIT}, so the ones after those are for the caller to apply to
   * the answer.
   */
  public static List<String> stopsLeftOut(ChatRequest request) {
    List<String> stops = request.sampling().stop();
    return stops.size() <= StopSequences.OPENAI_LIMIT ? List.of()
        : stops.subList(StopSequences.OPENAI_LIMIT, stops.size());
  }

  /**
   * An upstream's {@code chat.completion} body in canonical form, with usage marked as reported
   * by the upstream ({@code Usage.NONE} when it sent none).
   *
   * @throws dev.gearbox.model.GatewayException {@code UpstreamFailed} (502) when the body is not a
   *     well-formed answer, or the error it says when the body is an error object
   */
  public static ChatResponse decodeResponse(byte[] body) {
    return OpenAiResponses.decode(body);
  }

  /** A {@code chat.completion} object for a client. */
  public static ObjectNode encodeResponse(ChatResponse response) {
    return OpenAiResponses.encode(response);
  }

  /** {@code {"error":{"message","type","param","code"}}}, with nulls where a field is unset. */
  public static ObjectNode encodeError(GatewayError error) {
    ObjectNode root = Json.NODES.objectNode();
    ObjectNode body = root.putObject("error");
    body.put("message", error.message());
    body.put("type", error.openAiType());
    body.put("param", error.param().orElse(null));
    body.put("code", error.code().orElse(null));
    return root;
  }
}
