package dev.gearbox.wire;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;

final class AnthropicStreamWriter implements StreamWriter {
  AnthropicStreamWriter() {}

  @Override
  public String write(StreamEvent event) {
    throw new GatewayError.Internal("not written yet").toException();
  }

  @Override
  public String writeError(GatewayError error) {
    throw new GatewayError.Internal("not written yet").toException();
  }
}
