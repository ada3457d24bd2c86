package dev.gearbox.wire;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import java.util.List;

final class OpenAiStreamReader implements StreamReader {
  OpenAiStreamReader() {}

  @Override
  public List<StreamEvent> read(SseEvent event) {
    throw new GatewayError.Internal("not read yet").toException();
  }

  @Override
  public List<StreamEvent> finish() {
    throw new GatewayError.Internal("not read yet").toException();
  }
}
