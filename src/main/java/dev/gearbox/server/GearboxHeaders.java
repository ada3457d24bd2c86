package dev.gearbox.server;

import dev.gearbox.model.GatewayError;
import dev.gearbox.policy.DataPolicy;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway's own header names, and reading the request headers it acts on.
 *
 * <p>Each of those headers is read once: sent twice with different values it is a 400 naming it,
 * because which copy wins differs between proxies and servers. The data label is the exception:
 * every copy counts and the most sensitive wins, so a label a proxy adds is never lost behind
 * the client's own (see {@code DataPolicy}). Client-chosen ids (session, call, parent)
 * are stored in the ledger and the audit log and the call id comes back as a response header,
 * so they are 1 to 200 printable ASCII characters, no spaces; anything else is a 400 rather than
 * an id dropped in silence (the call would leave its session) or mangled on the way back.
 */
final class GearboxHeaders {
  static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
  static final HeaderName SESSION = HeaderNames.create("x-gearbox-session");
  static final HeaderName PARENT = HeaderNames.create("x-gearbox-parent");
  static final HeaderName CALL_ID = HeaderNames.create("x-gearbox-call-id");
  static final HeaderName DATA_LABEL = HeaderNames.create(DataPolicy.HEADER);
  static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
  static final HeaderName REQUEST_ID = HeaderNames.create("x-gearbox-request-id");
  static final HeaderName ROUTE = HeaderNames.create("x-gearbox-route");
  static final HeaderName MODEL = HeaderNames.create("x-gearbox-model");
  static final HeaderName TIER = HeaderNames.create("x-gearbox-tier");
  static final HeaderName CACHE = HeaderNames.create("x-gearbox-cache");
  static final HeaderName COST_USD = HeaderNames.create("x-gearbox-cost-usd");
  static final HeaderName SAVED_USD = HeaderNames.create("x-gearbox-saved-usd");
  static final HeaderName COMPRESSION = HeaderNames.create("x-gearbox-compression");

  static final int MAX_ID_CHARS = 200;
  private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1," + MAX_ID_CHARS + "}");

  private GearboxHeaders() {}

  /**
   * The one value of a request header, stripped; empty when absent or blank.
   *
   * @throws dev.gearbox.model.GatewayException 400 when it is sent with different values
   */
  static Optional<String> single(Headers headers, HeaderName name) {
    List<String> values = headers.all(name, List::of).stream().map(String::strip)
        .filter(v -> !v.isEmpty()).distinct().toList();
    if (values.size() > 1) {
      throw GatewayError.InvalidRequest.forParam(name.lowerCase(), name.lowerCase()
          + " was sent twice (or more) with different values; send it once").toException();
    }
    return values.stream().findFirst();
  }

  /**
   * A client-chosen id header ({@code x-gearbox-session}, {@code x-gearbox-call-id},
   * {@code x-gearbox-parent}), if sent.
   *
   * @throws dev.gearbox.model.GatewayException 400 when it is not an id as described above
   */
  static Optional<String> id(Headers headers, HeaderName name) {
    Optional<String> value = single(headers, name);
    if (value.isPresent() && !ID.matcher(value.get()).matches()) {
      throw GatewayError.InvalidRequest.forParam(name.lowerCase(), name.lowerCase() + " must be "
          + "1 to " + MAX_ID_CHARS + " printable ASCII characters without spaces (letters, "
          + "digits, - _ . : / and the like); got " + value.get().length() + " characters"
          + (value.get().chars().allMatch(c -> c > 0x20 && c < 0x7f) ? "" : " with others"))
          .toException();
    }
    return value;
  }

  /**
   * The agent session: {@code x-gearbox-session}, else the trace id of a valid W3C
   * {@code traceparent} ({@link TraceParent}), so traced agents group without changes.
   */
  static Optional<String> sessionId(Headers headers) {
    Optional<String> explicit = id(headers, SESSION);
    if (explicit.isPresent()) {
      return explicit;
    }
    return single(headers, TRACEPARENT).flatMap(TraceParent::traceId);
  }
}
