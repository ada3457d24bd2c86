package dev.gearbox.provider;

import java.io.Serial;

/**
 * The cause attached to a {@link dev.gearbox.model.GatewayException} raised for an upstream's
 * error status, so the attempt record keeps the status whatever error kind it was mapped to
 * (a context-length error arrives as 400 from one server and 500 from another).
 */
final class UpstreamStatus extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final int status;

  UpstreamStatus(String providerName, int status) {
    super("upstream '%s' answered HTTP %d".formatted(providerName, status), null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
