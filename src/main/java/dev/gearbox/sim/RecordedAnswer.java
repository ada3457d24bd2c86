package dev.gearbox.sim;

import java.util.Objects;
import java.util.Optional;

/**
 * One model's recorded answer to one turn of a recorded item: its text when the set keeps it,
 * its length in characters (always), and how it was judged when the set says.
 */
public record RecordedAnswer(Optional<String> text, int lengthChars, Optional<Outcome> outcome) {

  public RecordedAnswer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(outcome, "outcome");
    if (lengthChars < 0) {
      throw new IllegalArgumentException("an answer length is never negative");
    }
    if (text.isPresent() && text.get().length() != lengthChars) {
      throw new IllegalArgumentException("the length of a recorded text is its length");
    }
  }

  public static RecordedAnswer ofText(String text, Optional<Outcome> outcome) {
    return new RecordedAnswer(Optional.of(text), text.length(), outcome);
  }

  public static RecordedAnswer ofLength(int lengthChars, Optional<Outcome> outcome) {
    return new RecordedAnswer(Optional.empty(), lengthChars, outcome);
  }
}
