package dev.gearbox.model;

/** Where a token count came from, so the ledger can say how far to trust it. */
public enum UsageSource {
  /** Reported by the upstream provider. */
  UPSTREAM,
  /** Counted by the gateway with a tokenizer because the upstream reported none. */
  COUNTED,
  /** Nothing was generated (a cache hit or an error before any upstream call). */
  NONE
}
