package dev.gearbox.server;

import dev.gearbox.model.ClientText;
import dev.gearbox.model.GatewayError;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers for requests the HTTP layer refuses before any endpoint sees them (an unsupported
 * Content-Encoding, a malformed header or Content-Length, a bad chunk), which would otherwise be
 * a bare status with an empty body that SDKs report as an unknown error. They get the same error
 * JSON as every other refusal, in the format of the API the path belongs to.
 *
 * <p>The HTTP layer's own wording is passed on only when it is plain words: some of its messages
 * quote the offending header, and a header may hold a key.
 */
final class TransportErrors implements DirectHandler {
  private static final Pattern PLAIN_WORDS = Pattern.compile("[A-Za-z][A-Za-z -]{0,118}");

  private TransportErrors() {}

  static DirectHandlers handlers() {
    TransportErrors handler = new TransportErrors();
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (EventType type : EventType.values()) {
      builder.addHandler(type, handler);
    }
    return builder.build();
  }

  @Override
  public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
      ServerResponseHeaders headers, String message) {
    GatewayError error = error(request, status, message);
    ClientApi api = ClientApi.forPath(request.path());
    headers.set(HeaderNames.CONTENT_TYPE, "application/json");
    return TransportResponse.builder()
        .status(Status.create(api.status(error)))
        .headers(headers)
        .keepAlive(false)
        .entity(api.encodeError(error))
        .build();
  }

  private static GatewayError error(TransportRequest request, Status status, String message) {
    Optional<String> encoding = request.headers().first(HeaderNames.CONTENT_ENCODING)
        .map(e -> e.strip().toLowerCase(Locale.ROOT))
        .filter(e -> !e.isEmpty() && !e.equals("identity"))
        .filter(e -> !RequestEncodings.DECODED.contains(e));
    if (encoding.isPresent()) {
      return GatewayError.InvalidRequest.of("Content-Encoding " + ClientText.quote(encoding.get())
          + " is not supported; send the body uncompressed, or as gzip or deflate");
    }
    if (status.code() == 413) {
      return new GatewayError.PayloadTooLarge("the request is larger than this gateway accepts");
    }
    if (status.code() == 403) {
      return new GatewayError.Forbidden("the request was refused");
    }
    if (status.code() == 505) {
      return GatewayError.InvalidRequest.of("this HTTP version is not supported; use HTTP/1.1");
    }
    if (status.code() >= 500) {
      return new GatewayError.Internal("the gateway could not process this HTTP request");
    }
    String said = message != null && PLAIN_WORDS.matcher(message.strip()).matches()
        ? ": " + message.strip()
        : "";
    return GatewayError.InvalidRequest.of("the HTTP request is malformed" + said);
  }
}
