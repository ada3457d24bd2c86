package dev.gearbox.cost;

import java.util.Locale;

/** The ways usage can be grouped, each a column of the ledger. */
public enum UsageGrouping {
  KEY("key_id"),
  TENANT("tenant"),
  MODEL("served_model"),
  TIER("tier"),
  SESSION("session_id"),
  DAY("day");

  private final String column;

  UsageGrouping(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }

  /** The lower-case name used in JSON and on the command line ("tier"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
