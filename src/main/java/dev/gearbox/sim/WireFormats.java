package dev.gearbox.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.wire.AnthropicCodec;
import dev.gearbox.wire.ApiFormat;
import dev.gearbox.wire.OpenAiCodec;
import dev.gearbox.wire.StreamWriter;
import java.util.concurrent.ThreadLocalRandom;

/** The gateway's own codecs, picked by API: the simulator speaks exactly what Gearbox parses. */
final class WireFormats {
  private static final String ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private WireFormats() {}

  /**
   * @throws dev.gearbox.model.GatewayException {@code InvalidRequest} for a body the API refuses
   */
  static ChatRequest decode(ApiFormat api, byte[] body) {
    return switch (api) {
      case OPENAI -> OpenAiCodec.decodeRequest(body);
      case ANTHROPIC -> AnthropicCodec.decodeRequest(body);
    };
  }

  static ObjectNode encode(ApiFormat api, ChatResponse response) {
    return switch (api) {
      case OPENAI -> OpenAiCodec.encodeResponse(response);
      case ANTHROPIC -> AnthropicCodec.encodeResponse(response);
    };
  }

  static ErrorReply error(ApiFormat api, GatewayError error) {
    ObjectNode body =
        switch (api) {
          case OPENAI -> OpenAiCodec.encodeError(error);
          case ANTHROPIC -> AnthropicCodec.encodeError(error);
        };
    return ErrorReply.of(error.httpStatus(), body);
  }

  static StreamWriter writer(ApiFormat api, boolean includeUsage) {
    return switch (api) {
      case OPENAI -> StreamWriter.openAi(includeUsage);
      case ANTHROPIC -> StreamWriter.anthropic();
    };
  }

  /** A fresh id in the API's style: {@code chatcmpl-...} or {@code msg_...}. */
  static String responseId(ApiFormat api) {
    String prefix =
        switch (api) {
          case OPENAI -> "chatcmpl-";
          case ANTHROPIC -> "msg_";
        };
    return prefix + randomChars(24);
  }

  static String randomChars(int length) {
    StringBuilder id = new StringBuilder(length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    return id.toString();
  }
}
