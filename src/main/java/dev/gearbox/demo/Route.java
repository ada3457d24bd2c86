package dev.gearbox.demo;

import dev.gearbox.cost.LedgerEntry;

/** Where a demo request was answered from, as its ledger row says. */
enum Route {
  SMALL("small tier", 2),
  FRONTIER("frontier tier", 0),
  EXACT_CACHE("exact cache", 1),
  SEMANTIC_CACHE("semantic cache", 3),
  FAILED("failed", 6);

  private final String label;
  private final int colour;

  Route(String label, int colour) {
    this.label = label;
    this.colour = colour;
  }

  String label() {
    return label;
  }

  /** The palette slot of this route, the same in every chart. */
  int colour() {
    return colour;
  }

  boolean cached() {
    return this == EXACT_CACHE || this == SEMANTIC_CACHE;
  }

  static Route of(LedgerEntry entry) {
    if (entry.httpStatus() != 200) {
      return FAILED;
    }
    return switch (entry.cacheStatus()) {
      case EXACT_HIT -> EXACT_CACHE;
      case SEMANTIC_HIT -> SEMANTIC_CACHE;
      case MISS, BYPASS -> entry.tier().filter("small"::equals).isPresent() ? SMALL : FRONTIER;
    };
  }
}
