package dev.gearbox.sim;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How a recorded answer was judged: right or wrong against a key (GSM8K, MMLU-Pro), or a 1-10
 * grade from a GPT-4 judge (MT-Bench, Arena). The simulator sends it in the {@code x-sim-outcome}
 * header so that an evaluation can score a routed answer without a judge of its own.
 */
public sealed interface Outcome {

  /** The header form: {@code correct}, {@code wrong} or {@code score=7} / {@code score=9.5}. */
  String headerValue();

  record Correct() implements Outcome {
    public String headerValue() {
      return "correct";
    }
  }

  record Wrong() implements Outcome {
    public String headerValue() {
      return "wrong";
    }
  }

  /** A judge's grade on its 1-10 scale; MT-Bench has a few half points. */
  record Score(double value) implements Outcome {
    public Score {
      if (!(value >= 0 && value <= 10)) {
        throw new IllegalArgumentException("a judge score is between 0 and 10, got " + value);
      }
    }

    public String headerValue() {
      return "score=" + BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
  }

  Outcome CORRECT = new Correct();

  Outcome WRONG = new Wrong();

  static Outcome of(boolean correct) {
    return correct ? CORRECT : WRONG;
  }

  /**
   * Reads a header value written by {@link #headerValue()}; empty for anything else (the
   * simulator sends {@code unknown} for generated answers).
   */
  static Optional<Outcome> parseHeader(String value) {
    String v = value.strip();
    if (v.equals("correct")) {
      return Optional.of(CORRECT);
    }
    if (v.equals("wrong")) {
      return Optional.of(WRONG);
    }
    if (v.startsWith("score=")) {
      try {
        return Optional.of(new Score(Double.parseDouble(v.substring("score=".length()))));
      } catch (IllegalArgumentException notAScore) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
