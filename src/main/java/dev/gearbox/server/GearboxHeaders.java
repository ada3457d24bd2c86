package dev.gearbox.server;

import dev.gearbox.policy.DataPolicy;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.Optional;

/** The gateway's own header names, and reading the agent-session headers. */
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

  private static final int MAX_ID_CHARS = 200;

  private GearboxHeaders() {}

  /** A client-chosen id header ({@code x-gearbox-call-id}, {@code x-gearbox-parent}), if usable. */
  static Optional<String> id(Headers headers, HeaderName name) {
    return headers.first(name).map(String::strip)
        .filter(s -> !s.isEmpty() && s.length() <= MAX_ID_CHARS);
  }

  /**
   * The agent session: {@code x-gearbox-session}, else the trace id of a W3C {@code traceparent}
   * ("00-<32 hex trace id>-<16 hex parent id>-<flags>"), so traced agents group without changes.
   */
  static Optional<String> sessionId(Headers headers) {
    Optional<String> explicit =
        id(headers, SESSION);
    if (explicit.isPresent()) {
      return explicit;
    }
    return headers
        .first(TRACEPARENT)
        .map(String::strip)
        .filter(v -> v.matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"))
        .map(v -> v.substring(3, 35));
  }
}
