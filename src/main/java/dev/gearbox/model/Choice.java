package dev.gearbox.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One generated alternative; most requests have exactly one. {@code stopSequence} is the
 * client's stop sequence that ended it, when the upstream said which (Anthropic's
 * {@code stop_sequence}, vLLM's {@code stop_reason}): Anthropic clients are told it with
 * {@code stop_reason: "stop_sequence"}.
 */
public record Choice(
    int index, Message message, FinishReason finishReason, Optional<String> stopSequence) {
  public Choice {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(stopSequence, "stopSequence");
  }

  /** A choice that did not end at a known stop sequence. */
  public Choice(int index, Message message, FinishReason finishReason) {
    this(index, message, finishReason, Optional.empty());
  }
}
