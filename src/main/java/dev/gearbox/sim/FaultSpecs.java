package dev.gearbox.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the {@code kind[:argument][;key=value...]} syntax of {@link Fault} specs. */
final class FaultSpecs {
  /** Every kind, for messages that say what is accepted. */
  static final String KINDS =
      "rate_limit[;retry_after=S], http_500, http_503, timeout, drop_mid_stream[;after=N], "
          + "error_in_stream[;after=N], context_length[:"
          + ServerDialect.known().replace(", ", "|")
          + "], split_sse";

  private FaultSpecs() {}

  /** See {@link Fault#parse}. */
  static Fault parse(String spec, long defaultRetryAfterSeconds) {
    String[] parts = spec.strip().split(";");
    String[] head = parts[0].strip().split(":", 2);
    String kind = head[0].strip();
    Optional<String> argument = head.length > 1 ? Optional.of(head[1].strip()) : Optional.empty();
    Map<String, String> params = params(parts, spec);
    return switch (kind) {
      case "rate_limit" ->
          new Fault.RateLimit(number(params, "retry_after", defaultRetryAfterSeconds));
      case "timeout" -> new Fault.Timeout();
      case "split_sse" -> new Fault.SplitSse();
      case "drop_mid_stream" ->
          new Fault.DropMidStream(
              params.containsKey("after")
                  ? OptionalInt.of((int) number(params, "after", 0))
                  : OptionalInt.empty());
      case "error_in_stream" -> new Fault.ErrorInStream((int) number(params, "after", 0));
      case "context_length" -> new Fault.ContextLength(argument.map(FaultSpecs::dialect));
      default -> httpError(kind, spec);
    };
  }

  private static Fault httpError(String kind, String spec) {
    if (kind.startsWith("http_")) {
      try {
        return new Fault.HttpError(Integer.parseInt(kind.substring("http_".length())));
      } catch (NumberFormatException notANumber) {
        throw unknown(spec);
      }
    }
    throw unknown(spec);
  }

  private static ServerDialect dialect(String name) {
    return ServerDialect.byId(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown server '"
                        + name
                        + "' for context_length; known: "
                        + ServerDialect.known()));
  }

  private static Map<String, String> params(String[] parts, String spec) {
    Map<String, String> params = new HashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "fault parameter '" + parts[i].strip() + "' in '" + spec + "' needs key=value");
      }
      params.put(kv[0].strip(), kv[1].strip());
    }
    return params;
  }

  private static long number(Map<String, String> params, String key, long fallback) {
    String value = params.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "fault parameter " + key + " takes a whole number, got '" + value + "'");
    }
  }

  private static IllegalArgumentException unknown(String spec) {
    return new IllegalArgumentException("unknown fault '" + spec.strip() + "'; known: " + KINDS);
  }
}
