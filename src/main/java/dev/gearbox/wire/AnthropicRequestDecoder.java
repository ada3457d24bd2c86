package dev.gearbox.wire;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayError;

final class AnthropicRequestDecoder {
  private AnthropicRequestDecoder() {}

  static ChatRequest decode(byte[] body) {
    throw new GatewayError.Internal("Anthropic requests are not decoded yet").toException();
  }
}
