package dev.gearbox.demo;

import dev.gearbox.sim.RecordedItem;
import java.util.Objects;

/** A recorded question's first turn in other words, with the same facts and numbers. */
record Paraphrase(RecordedItem item, String text) {
  Paraphrase {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(text, "text");
    if (text.strip().equals(item.prompt().strip())) {
      throw new IllegalArgumentException("a paraphrase of " + item.key() + " equals it");
    }
  }
}
