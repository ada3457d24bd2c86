package dev.gearbox.cost;

/** The ledger's database could not be read. */
public final class LedgerException extends RuntimeException {
  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
