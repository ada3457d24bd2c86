package dev.gearbox.model;

import java.util.Objects;

/** One generated alternative; most requests have exactly one. */
public record Choice(int index, Message message, FinishReason finishReason) {
  public Choice {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(finishReason, "finishReason");
  }
}
