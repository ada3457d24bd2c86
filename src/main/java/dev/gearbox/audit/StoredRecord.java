package dev.gearbox.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code audit_log} as stored: the columns, the body text exactly as hashed, and the
 * stored hash. Nothing here is trusted; {@link AuditVerifier} checks it.
 */
public record StoredRecord(
    long seq,
    String requestId,
    Optional<String> sessionId,
    long atEpochMs,
    String body,
    String hash) {

  public StoredRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(hash, "hash");
  }

  /** The body as JSON, or empty when it is not valid JSON (an altered record). */
  public Optional<JsonNode> parsed() {
    try {
      return Optional.of(Json.MAPPER.readTree(body));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
