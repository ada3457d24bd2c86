package dev.gearbox.model;

import java.util.Objects;

/** Carries a {@link GatewayError} through code that cannot return it. */
public final class GatewayException extends RuntimeException {
  private final GatewayError error;

  public GatewayException(GatewayError error) {
    super(error.message());
    this.error = Objects.requireNonNull(error, "error");
  }

  public GatewayException(GatewayError error, Throwable cause) {
    super(error.message(), cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  public GatewayError error() {
    return error;
  }
}
