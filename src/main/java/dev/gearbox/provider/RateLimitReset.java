package dev.gearbox.provider;

import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a 429 asks us to wait when it says so only in its rate-limit headers, not in
 * Retry-After: the reset of the limit that ran out. Each API words these headers its own way:
 *
 * <ul>
 *   <li>OpenAI, Groq: {@code x-ratelimit-reset-requests} / {@code -tokens} as Go durations
 *       ({@code 1s}, {@code 6m0s}, {@code 2m59.56s}, {@code 20ms});
 *   <li>Anthropic: {@code anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-reset}
 *       as RFC 3339 instants;
 *   <li>OpenRouter and many proxies: {@code x-ratelimit-reset} as epoch milliseconds or seconds;
 *   <li>the IETF draft: {@code ratelimit-reset} as seconds from now.
 * </ul>
 *
 * A reset counts when its limit's {@code remaining} is 0, so a spent request window does not
 * make us wait out an unrelated token window; when no header says which limit ran out, the
 * latest reset counts, so a retry never comes before the limit has passed.
 */
final class RateLimitReset {
  private static final List<Limit> LIMITS =
      List.of(
          new Limit("x-ratelimit-remaining-requests", "x-ratelimit-reset-requests"),
          new Limit("x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens"),
          anthropic("requests"),
          anthropic("tokens"),
          anthropic("input-tokens"),
          anthropic("output-tokens"),
          new Limit("x-ratelimit-remaining", "x-ratelimit-reset"),
          new Limit("ratelimit-remaining", "ratelimit-reset"));

  private static final Pattern GO_DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");
  private static final BigDecimal EPOCH_MILLIS_FROM = new BigDecimal("1000000000000");
  private static final BigDecimal EPOCH_SECONDS_FROM = new BigDecimal("1000000000");

  private RateLimitReset() {}

  /** Seconds until the spent limit resets, rounded up; 0 when no header says. */
  static long seconds(HttpHeaders headers, Clock clock) {
    List<Duration> spent = new ArrayList<>();
    List<Duration> all = new ArrayList<>();
    for (Limit limit : LIMITS) {
      Optional<Duration> reset =
          headers.firstValue(limit.reset()).flatMap(value -> untilReset(value.strip(), clock));
      if (reset.isEmpty()) {
        continue;
      }
      all.add(reset.get());
      if (headers.firstValue(limit.remaining()).map(String::strip).orElse("").equals("0")) {
        spent.add(reset.get());
      }
    }
    return (spent.isEmpty() ? all : spent)
        .stream()
        .max(Duration::compareTo)
        .map(wait -> (wait.toMillis() + 999) / 1000)
        .orElse(0L);
  }

  private static Optional<Duration> untilReset(String value, Clock clock) {
    Instant now = clock.instant();
    return instant(value)
        .map(at -> Duration.between(now, at))
        .or(() -> number(value).map(number -> fromNumber(number, now)))
        .or(() -> goDuration(value))
        .map(wait -> wait.isNegative() ? Duration.ZERO : wait);
  }

  private static Optional<Instant> instant(String value) {
    if (!value.contains("T")) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<BigDecimal> number(String value) {
    try {
      BigDecimal parsed = new BigDecimal(value);
      return parsed.signum() >= 0 ? Optional.of(parsed) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A bare number: epoch milliseconds or seconds when it is that large, else seconds. */
  private static Duration fromNumber(BigDecimal number, Instant now) {
    if (number.compareTo(EPOCH_MILLIS_FROM) >= 0) {
      return Duration.between(now, Instant.ofEpochMilli(number.longValue()));
    }
    if (number.compareTo(EPOCH_SECONDS_FROM) >= 0) {
      return Duration.between(now, Instant.ofEpochSecond(number.longValue()));
    }
    return Duration.ofMillis(number.movePointRight(3).longValue());
  }

  private static Optional<Duration> goDuration(String value) {
    Matcher matcher = GO_DURATION.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      BigDecimal amount = new BigDecimal(matcher.group(1));
      BigDecimal nanosPerUnit =
          switch (matcher.group(2)) {
            case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "us", "µs" -> BigDecimal.valueOf(1_000L);
            default -> BigDecimal.ONE;
          };
      total = total.plusNanos(amount.multiply(nanosPerUnit).longValue());
      end = matcher.end();
    }
    return end > 0 && end == value.length() ? Optional.of(total) : Optional.empty();
  }

  private static Limit anthropic(String limit) {
    return new Limit(
        "anthropic-ratelimit-" + limit + "-remaining", "anthropic-ratelimit-" + limit + "-reset");
  }

  /** The two headers of one limit. */
  private record Limit(String remaining, String reset) {}
}
