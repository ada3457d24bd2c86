package dev.gearbox.wire;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.util.function.Supplier;

/**
 * Reads upstream JSON with the same typed accessors as client JSON, but reports a wrong shape
 * as what it is: the upstream's fault (502), not the client's (400).
 */
final class UpstreamShape {
  private UpstreamShape() {}

  static <T> T read(String what, Supplier<T> reading) {
    try {
      return reading.get();
    } catch (GatewayException e) {
      if (e.error() instanceof GatewayError.InvalidRequest invalid) {
        throw new GatewayException(new GatewayError.UpstreamFailed(
            what + " has an unexpected shape: " + invalid.message(), 502, 0), e);
      }
      throw e;
    } catch (IllegalArgumentException e) {
      throw new GatewayException(new GatewayError.UpstreamFailed(
          what + " is inconsistent: " + e.getMessage(), 502, 0), e);
    }
  }

  static GatewayException failed(String message) {
    return new GatewayError.UpstreamFailed(message, 502, 0).toException();
  }
}
