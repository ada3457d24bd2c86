package dev.gearbox.model;

import java.util.List;
import java.util.Objects;

/**
 * How much the model should reason before it answers, as the client asked for it: an OpenAI
 * client's {@code reasoning_effort} level, or an Anthropic client's {@code thinking} budget in
 * tokens (or {@code adaptive}, leaving it to the model). Each upstream format gets the one it
 * speaks; the codecs document the mapping between them.
 */
public sealed interface Reasoning {
  /** The effort levels of OpenAI's {@code reasoning_effort}, least first. */
  List<String> LEVELS = List.of("none", "minimal", "low", "medium", "high", "xhigh");

  /** A {@code reasoning_effort} level, one of {@link #LEVELS}; "none" asks for no reasoning. */
  record Effort(String level) implements Reasoning {
    public Effort {
      Objects.requireNonNull(level, "level");
      if (!LEVELS.contains(level)) {
        throw new IllegalArgumentException("unknown reasoning effort '" + level + "'");
      }
    }
  }

  /** Extended thinking with at most {@code tokens} tokens of reasoning. */
  record Budget(int tokens) implements Reasoning {
    public Budget {
      if (tokens < 1) {
        throw new IllegalArgumentException("a thinking budget is at least 1 token");
      }
    }
  }

  /** Extended thinking whose depth the model chooses (Anthropic's {@code adaptive}). */
  record Adaptive() implements Reasoning {}
}
