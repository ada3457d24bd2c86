package dev.gearbox.demo;

import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.cost.UsageLine;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a finished demo run observed: the clients' view of each request, the gateway's
 * ledger rows, and the ledger's own totals. The summary and the charts are computed from this.
 */
final class RunData {
  private final DemoSettings settings;
  private final int planned;
  private final Instant startedAt;
  private final long elapsedMs;
  private final List<CallRecord> calls;
  private final List<LedgerEntry> ledger;
  private final UsageLine ledgerTotal;
  private final Optional<String> audit;
  private final Map<String, LedgerEntry> byRequestId = new HashMap<>();

  /**
   * @param startedAt when the clients started
   * @param elapsedMs from the first request sent to the last answer received
   * @param audit the audit log's verification verdict, when the gateway keeps one
   */
  RunData(
      DemoSettings settings,
      int planned,
      Instant startedAt,
      long elapsedMs,
      List<CallRecord> calls,
      List<LedgerEntry> ledger,
      UsageLine ledgerTotal,
      Optional<String> audit) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.planned = planned;
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.elapsedMs = elapsedMs;
    this.calls = List.copyOf(calls);
    this.ledger = List.copyOf(ledger);
    this.ledgerTotal = Objects.requireNonNull(ledgerTotal, "ledgerTotal");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.ledger.forEach(e -> byRequestId.putIfAbsent(e.requestId(), e));
  }

  DemoSettings settings() {
    return settings;
  }

  int planned() {
    return planned;
  }

  Instant startedAt() {
    return startedAt;
  }

  long elapsedMs() {
    return elapsedMs;
  }

  List<CallRecord> calls() {
    return calls;
  }

  List<LedgerEntry> ledger() {
    return ledger;
  }

  UsageLine ledgerTotal() {
    return ledgerTotal;
  }

  Optional<String> audit() {
    return audit;
  }

  /** The ledger row of a call, found by the request id the gateway sent back. */
  Optional<LedgerEntry> entry(CallRecord call) {
    return call.requestId().map(byRequestId::get);
  }

  /** Where a call was answered from; {@link Route#FAILED} when the ledger has no row of it. */
  Route route(CallRecord call) {
    return entry(call).map(Route::of).orElse(Route.FAILED);
  }
}
