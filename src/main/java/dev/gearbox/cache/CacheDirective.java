package dev.gearbox.cache;

import dev.gearbox.model.ClientText;
import dev.gearbox.model.GatewayError;
import java.util.Locale;
import java.util.Optional;

/**
 * What the client asked of the cache with the {@code x-gearbox-cache} request header: nothing
 * (use it), {@code off} (neither read nor write), {@code refresh} (skip the lookup, call the
 * model and overwrite the entry) or {@code only} (answer from the cache or not at all).
 */
public enum CacheDirective {
  USE,
  OFF,
  REFRESH,
  ONLY;

  /**
   * The directive of a header value; absent or blank means {@link #USE}.
   *
   * @throws dev.gearbox.model.GatewayException (400) naming the accepted values otherwise
   */
  public static CacheDirective parse(Optional<String> header) {
    String value = header.map(h -> h.strip().toLowerCase(Locale.ROOT)).orElse("");
    return switch (value) {
      case "" -> USE;
      case "off" -> OFF;
      case "refresh" -> REFRESH;
      case "only" -> ONLY;
      default -> throw GatewayError.InvalidRequest.forParam("x-gearbox-cache",
              "x-gearbox-cache must be off, refresh or only; got " + ClientText.quote(value))
          .toException();
    };
  }

  /** Whether the cache is looked up at all. */
  public boolean reads() {
    return this == USE || this == ONLY;
  }

  /** Whether a fresh upstream answer is stored. */
  public boolean writes() {
    return this == USE || this == REFRESH;
  }

}
