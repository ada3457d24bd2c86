package dev.gearbox.gateway;

/**
 * Where every call is recorded for compliance, durably and before its answer is released: a
 * non-streamed answer is sent, and a stream's final event written, only after {@link #record}
 * returned. The gateway defines this port; the audit log implements it.
 */
public interface AuditTrail {

  /**
   * Stores the call and returns once it is durable.
   *
   * @throws dev.gearbox.model.GatewayException (Internal) when it could not be stored; the
   *     client must then get an error instead of the answer
   */
  void record(AuditedCall call);
}
