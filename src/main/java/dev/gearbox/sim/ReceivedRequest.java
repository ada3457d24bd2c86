package dev.gearbox.sim;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as the simulator received it, kept so tests can check what an upstream would have
 * seen (which model, which headers, whether anything left the building at all). Credentials are
 * never kept: {@code authorization}, {@code x-api-key}, {@code proxy-authorization} and
 * {@code cookie} appear with the value {@value #REDACTED}, so a test can see that a key was sent
 * but not which.
 *
 * @param headers by lower-case name
 * @param model the model asked for, when the body named one
 * @param bodySha256 hex SHA-256 of the body bytes
 * @param fault the fault applied to the request, as a spec ({@link Fault#spec()})
 */
public record ReceivedRequest(
    Instant receivedAt,
    String method,
    String path,
    Optional<String> model,
    Map<String, List<String>> headers,
    String bodySha256,
    int bodyBytes,
    Optional<String> fault) {

  public static final String REDACTED = "[redacted]";

  public ReceivedRequest {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(model, "model");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(bodySha256, "bodySha256");
    Objects.requireNonNull(fault, "fault");
  }

  /** The first value of a header (name in any case). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  ReceivedRequest with(Optional<String> askedModel, Optional<Fault> applied) {
    return new ReceivedRequest(
        receivedAt,
        method,
        path,
        askedModel,
        headers,
        bodySha256,
        bodyBytes,
        applied.map(Fault::spec));
  }
}
