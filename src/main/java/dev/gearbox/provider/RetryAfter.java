package dev.gearbox.provider;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long an upstream asks us to wait. {@code retry-after-ms} (OpenAI, Azure) wins over
 * {@code Retry-After}, which holds either seconds or an HTTP date (RFC 9110). Waits are whole
 * seconds because that is what the error model carries; milliseconds round up, so we never
 * return before the upstream said we may.
 */
final class RetryAfter {
  private RetryAfter() {}

  /** Seconds to wait, 0 when the upstream gave no (readable) hint. */
  static long seconds(HttpHeaders headers, Clock clock) {
    Optional<Long> fromMs =
        headers.firstValue("retry-after-ms").flatMap(RetryAfter::number).map(RetryAfter::ceilMs);
    if (fromMs.isPresent()) {
      return fromMs.get();
    }
    return headers
        .firstValue("retry-after")
        .flatMap(value -> number(value).map(RetryAfter::ceil).or(() -> untilDate(value, clock)))
        .orElse(0L);
  }

  private static Optional<Double> number(String value) {
    try {
      double parsed = Double.parseDouble(value.trim());
      return parsed >= 0 && Double.isFinite(parsed) ? Optional.of(parsed) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long ceil(double seconds) {
    return (long) Math.ceil(seconds);
  }

  private static long ceilMs(double millis) {
    return (long) Math.ceil(millis / 1000.0);
  }

  private static Optional<Long> untilDate(String value, Clock clock) {
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? 0L : ceilMs(wait.toMillis()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
