package dev.gearbox.sim;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A way the simulated upstream misbehaves, as a closed set. A fault is asked for per request with
 * the header {@code x-sim-fault: <spec>} or per model in the configuration; the spec syntax is
 * {@code kind[:argument][;key=value...]}:
 *
 * <ul>
 *   <li>{@code rate_limit[;retry_after=S]}: 429 with {@code Retry-After: S}.
 *   <li>{@code http_500}, {@code http_503} (any {@code http_5xx}): that status and the API's
 *       server-error JSON.
 *   <li>{@code timeout}: the request is accepted and never answered; the connection is closed
 *       when the client gives up or the simulator's hold time passes.
 *   <li>{@code drop_mid_stream[;after=N]}: N content deltas (default: half of them), then the
 *       connection is closed without ending the stream (or the JSON body, when not streaming).
 *   <li>{@code error_in_stream[;after=N]}: HTTP 200, N content deltas (default 0), then an error
 *       event of the API's stream format.
 *   <li>{@code context_length[:openai|vllm|llamacpp|sglang|ollama|anthropic]}: the status and
 *       body that server sends for a prompt over the context window (default: the model's
 *       dialect).
 *   <li>{@code split_sse}: the full answer, written in tiny pieces cut inside JSON, inside UTF-8
 *       characters and between CR and LF of CRLF line ends, each piece flushed.
 * </ul>
 */
public sealed interface Fault {

  /** The spec that asks for this fault, in the header syntax. */
  String spec();

  record RateLimit(long retryAfterSeconds) implements Fault {
    public RateLimit {
      if (retryAfterSeconds < 0) {
        throw new IllegalArgumentException("retry_after must not be negative");
      }
    }

    public String spec() {
      return "rate_limit;retry_after=" + retryAfterSeconds;
    }
  }

  record HttpError(int status) implements Fault {
    public HttpError {
      if (status < 500 || status > 599) {
        throw new IllegalArgumentException("http_<status> takes a 5xx status, got " + status);
      }
    }

    public String spec() {
      return "http_" + status;
    }
  }

  record Timeout() implements Fault {
    public String spec() {
      return "timeout";
    }
  }

  /** {@code afterDeltas} empty: half of the answer's deltas. */
  record DropMidStream(OptionalInt afterDeltas) implements Fault {
    public DropMidStream {
      Objects.requireNonNull(afterDeltas, "afterDeltas");
    }

    public String spec() {
      return "drop_mid_stream"
          + afterDeltas.stream().mapToObj(n -> ";after=" + n).findFirst().orElse("");
    }
  }

  record ErrorInStream(int afterDeltas) implements Fault {
    public ErrorInStream {
      if (afterDeltas < 0) {
        throw new IllegalArgumentException("after must not be negative");
      }
    }

    public String spec() {
      return "error_in_stream;after=" + afterDeltas;
    }
  }

  /** {@code dialect} empty: the serving model's own dialect. */
  record ContextLength(Optional<ServerDialect> dialect) implements Fault {
    public ContextLength {
      Objects.requireNonNull(dialect, "dialect");
    }

    public String spec() {
      return "context_length" + dialect.map(d -> ":" + d.id()).orElse("");
    }
  }

  record SplitSse() implements Fault {
    public String spec() {
      return "split_sse";
    }
  }

  /**
   * Reads a fault spec.
   *
   * @param defaultRetryAfterSeconds used by {@code rate_limit} without {@code retry_after}
   * @throws IllegalArgumentException naming what was wrong and what is accepted
   */
  static Fault parse(String spec, long defaultRetryAfterSeconds) {
    return FaultSpecs.parse(spec, defaultRetryAfterSeconds);
  }
}
