package dev.gearbox.demo;

import dev.gearbox.sim.RecordedItem;
import java.util.Objects;

/**
 * The recorded question a demo request asks: an item of a recorded set and which of its user
 * turns (0 for single-turn sets). Its recorded outcomes are how the answer is scored.
 */
record ItemTurn(RecordedItem item, int turn) {
  ItemTurn {
    Objects.requireNonNull(item, "item");
    if (turn < 0 || turn >= item.turns().size()) {
      throw new IllegalArgumentException(
          "item " + item.key() + " has no turn " + turn);
    }
  }

  String prompt() {
    return item.turns().get(turn);
  }
}
