package dev.gearbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import java.time.Clock;

final class AnthropicResponses {
  private AnthropicResponses() {}

  static ChatResponse decode(byte[] body, Clock clock) {
    throw new GatewayError.Internal("Anthropic answers are not decoded yet").toException();
  }

  static ObjectNode encode(ChatResponse response) {
    throw new GatewayError.Internal("Anthropic answers are not encoded yet").toException();
  }
}
