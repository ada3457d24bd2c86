package dev.gearbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayError;

final class AnthropicRequestEncoder {
  private AnthropicRequestEncoder() {}

  static ObjectNode encode(ChatRequest request, int defaultMaxTokens) {
    throw new GatewayError.Internal("Anthropic requests are not encoded yet").toException();
  }
}
