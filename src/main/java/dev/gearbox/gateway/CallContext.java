package dev.gearbox.gateway;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling and how this call relates to others. {@code keyId} names the virtual key (never
 * its secret); calls sharing {@code sessionId} form an agent session, and {@code parentId} links a
 * call to the call that spawned it.
 */
public record CallContext(
    String requestId,
    Instant receivedAt,
    String keyId,
    String tenant,
    Optional<String> sessionId,
    Optional<String> parentId) {

  public CallContext {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(parentId, "parentId");
  }

  /**
   * A call the gateway makes on behalf of this one (a summary for the compression stage): the
   * same key, tenant and session, this call as its parent, and this call's id plus
   * {@code idSuffix} as its id.
   */
  public CallContext child(String idSuffix, Instant at) {
    return new CallContext(requestId + idSuffix, at, keyId, tenant, sessionId,
        Optional.of(requestId));
  }
}
