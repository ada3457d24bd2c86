package dev.gearbox.sim;

import java.util.Objects;

/**
 * A request recognised as a recorded prompt: which item, which turn, and the answer of the model
 * (as named in that set) that serves it.
 */
record RecordedMatch(RecordedItem item, int turnIndex, String model, RecordedAnswer answer) {
  RecordedMatch {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(answer, "answer");
  }

  /** {@code recorded:<set>:<id>}, with {@code /turn-2} for a second turn. */
  String source() {
    String turn = turnIndex == 0 ? "" : "/turn-" + (turnIndex + 1);
    return "recorded:" + item.key() + turn;
  }
}
