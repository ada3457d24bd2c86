package dev.gearbox.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Carries a {@link GatewayError} through code that cannot return it. {@code cacheStatus} is the
 * {@code x-gearbox-cache} value of a request refused or failed after the response cache was
 * consulted ({@code miss} or {@code bypass}), so its error answer says what the cache did too.
 */
public final class GatewayException extends RuntimeException {
  private final GatewayError error;
  private final Optional<String> cacheStatus;

  public GatewayException(GatewayError error) {
    this(error, null, Optional.empty());
  }

  public GatewayException(GatewayError error, Throwable cause) {
    this(error, cause, Optional.empty());
  }

  private GatewayException(GatewayError error, Throwable cause, Optional<String> cacheStatus) {
    super(error.message(), cause);
    this.error = Objects.requireNonNull(error, "error");
    this.cacheStatus = Objects.requireNonNull(cacheStatus, "cacheStatus");
  }

  public GatewayError error() {
    return error;
  }

  /** The {@code x-gearbox-cache} value for the error answer, when the cache was consulted. */
  public Optional<String> cacheStatus() {
    return cacheStatus;
  }

  /** The same error, marked with what the response cache did for the request. */
  public GatewayException withCacheStatus(String status) {
    GatewayException marked = new GatewayException(error, getCause(), Optional.of(status));
    marked.setStackTrace(getStackTrace());
    return marked;
  }
}
