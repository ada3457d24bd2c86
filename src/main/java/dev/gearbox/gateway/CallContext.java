package dev.gearbox.gateway;

import dev.gearbox.policy.DataLabel;
import dev.gearbox.policy.DataPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling and how this call relates to others. {@code keyId} names the virtual key (never
 * its secret); calls sharing {@code sessionId} form an agent session, and {@code parentId} links a
 * call to the call that spawned it, by that call's {@code callId} (its request id unless the
 * client named it). {@code dataLabel} is the request's resolved sensitivity: the data-label
 * policy and the cache key on it.
 */
public record CallContext(
    String requestId,
    Instant receivedAt,
    String keyId,
    String tenant,
    Optional<String> sessionId,
    Optional<String> parentId,
    String callId,
    DataLabel dataLabel) {

  public CallContext {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(dataLabel, "dataLabel");
  }

  /** A call named by its request id, under the standard policy's default label. */
  public CallContext(
      String requestId,
      Instant receivedAt,
      String keyId,
      String tenant,
      Optional<String> sessionId,
      Optional<String> parentId) {
    this(requestId, receivedAt, keyId, tenant, sessionId, parentId, requestId,
        DataPolicy.STANDARD.defaultLabel());
  }

  /**
   * A call the gateway makes on behalf of this one (a summary for the compression stage): the
   * same key, tenant, session and data label, this call as its parent, and this call's request
   * and call ids plus {@code idSuffix} as its own.
   */
  public CallContext child(String idSuffix, Instant at) {
    return new CallContext(requestId + idSuffix, at, keyId, tenant, sessionId,
        Optional.of(callId), callId + idSuffix, dataLabel);
  }
}
