package dev.gearbox.audit;

/** The audit log or its keys could not be read or written; the message says which and where. */
public final class AuditException extends RuntimeException {
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuditException(String message) {
    super(message);
  }
}
