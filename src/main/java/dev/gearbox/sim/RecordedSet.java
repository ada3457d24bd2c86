package dev.gearbox.sim;

import java.util.Arrays;
import java.util.Optional;

/**
 * The recorded data sets bundled with Gearbox (see {@code src/main/resources/data/README.md}).
 * The order is the simulator's matching priority: when the same prompt text is in two sets, the
 * earlier set answers it.
 */
public enum RecordedSet {
  /** 1,319 grade-school maths problems with the full answers of two models. */
  GSM8K("gsm8k"),
  /** 80 two-turn chat questions with both models' answers and GPT-4 scores. */
  MT_BENCH("mt-bench"),
  /** 300 Chatbot Arena prompts with GPT-4 grades of 16 models; no answer text. */
  ARENA("arena"),
  /** 12,032 MMLU-Pro questions with the correctness of 31 models; no answer text. */
  MMLU_PRO("mmlu-pro");

  private final String id;

  RecordedSet(String id) {
    this.id = id;
  }

  /** The set's short name, as used in {@code x-sim-source} headers and in file paths. */
  public String id() {
    return id;
  }

  /** The set with this short name, if there is one. */
  public static Optional<RecordedSet> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }
}
