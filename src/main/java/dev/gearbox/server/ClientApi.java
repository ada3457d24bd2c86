package dev.gearbox.server;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.wire.AnthropicCodec;
import dev.gearbox.wire.Json;
import dev.gearbox.wire.OpenAiCodec;
import dev.gearbox.wire.StreamWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** One client-facing API: how its requests decode and its answers and errors encode. */
enum ClientApi {
  OPENAI("openai") {
    @Override
    ChatRequest decode(byte[] body) {
      return OpenAiCodec.decodeRequest(body);
    }

    @Override
    byte[] encodeResponse(ChatResponse response) {
      return bytes(OpenAiCodec.encodeResponse(response));
    }

    @Override
    byte[] encodeError(GatewayError error) {
      return bytes(OpenAiCodec.encodeError(error));
    }

    @Override
    StreamWriter streamWriter(boolean includeUsage) {
      return StreamWriter.openAi(includeUsage);
    }
  },

  ANTHROPIC("anthropic") {
    @Override
    ChatRequest decode(byte[] body) {
      return AnthropicCodec.decodeRequest(body);
    }

    @Override
    byte[] encodeResponse(ChatResponse response) {
      return bytes(AnthropicCodec.encodeResponse(response));
    }

    @Override
    byte[] encodeError(GatewayError error) {
      return bytes(AnthropicCodec.encodeError(error));
    }

    @Override
    StreamWriter streamWriter(boolean includeUsage) {
      return StreamWriter.anthropic();
    }

    /** Anthropic's SDKs and tools know an overloaded API by its own status, 529. */
    @Override
    int status(GatewayError error) {
      return error.anthropicType().equals("overloaded_error") ? 529 : error.httpStatus();
    }
  };

  private final String label;

  /**
   * The API a path belongs to, for errors raised before an endpoint is chosen; a mistyped path
   * such as {@code /v1/v1/messages} still belongs to the Messages API.
   */
  static ClientApi forPath(String path) {
    return path.contains("/messages") ? ANTHROPIC : OPENAI;
  }

  ClientApi(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  abstract ChatRequest decode(byte[] body);

  abstract byte[] encodeResponse(ChatResponse response);

  abstract byte[] encodeError(GatewayError error);

  abstract StreamWriter streamWriter(boolean includeUsage);

  /** The HTTP status this API's clients expect for the error. */
  int status(GatewayError error) {
    return error.httpStatus();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
