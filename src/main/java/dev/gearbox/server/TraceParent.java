package dev.gearbox.server;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace id of a W3C Trace Context {@code traceparent} header
 * ({@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}), read as the spec asks.
 *
 * <p>An all-zero trace or parent id and the version {@code ff} are invalid, so such a header
 * names no trace: taken at face value, every client that sends a zeroed placeholder would share
 * one session. A version above {@code 00} is read by its first four fields, with anything after
 * them ignored, so tracers that move to a later version keep grouping their calls. An invalid
 * header is ignored, as the spec says, rather than refused: the request is not the tracer's.
 */
final class TraceParent {
  private static final Pattern FORMAT = Pattern.compile(
      "([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_PARENT = "0".repeat(16);

  private TraceParent() {}

  /** The trace id, when the header is a valid traceparent. */
  static Optional<String> traceId(String header) {
    Matcher m = FORMAT.matcher(header);
    if (!m.matches()) {
      return Optional.empty();
    }
    String version = m.group(1);
    boolean extraFields = m.group(5) != null;
    if (version.equals("ff") || (version.equals("00") && extraFields)
        || m.group(2).equals(ZERO_TRACE) || m.group(3).equals(ZERO_PARENT)) {
      return Optional.empty();
    }
    return Optional.of(m.group(2));
  }
}
