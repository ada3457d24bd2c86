package dev.gearbox.cost;

import java.util.Locale;

/**
 * The ways usage can be grouped, each a column of the ledger, and what a row without a value in
 * that column is called: a request refused before it was routed (a 402 over budget, a 429, a
 * 4xx for a bad request) has no model or tier, so it is grouped by its status as
 * {@code (refused 402)}; a request outside any session is {@code (no session)}.
 */
public enum UsageGrouping {
  KEY("key_id", "'(no key)'"),
  TENANT("tenant", "'(no tenant)'"),
  MODEL("served_model", UsageGrouping.REFUSED),
  TIER("tier", UsageGrouping.REFUSED),
  SESSION("session_id", "'(no session)'"),
  DAY("day", "'(no day)'");

  private static final String REFUSED =
      "'(refused ' || CAST(http_status AS VARCHAR(8)) || ')'";

  private final String column;
  private final String missing;

  UsageGrouping(String column, String missing) {
    this.column = column;
    this.missing = missing;
  }

  /** The SQL expression of a row's group: the column, or what a row without it is called. */
  String groupExpression() {
    return "COALESCE(" + column + ", " + missing + ")";
  }

  /** The lower-case name used in JSON and on the command line ("tier"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
