package dev.gearbox.model;

import java.util.List;
import java.util.Objects;

/** A complete (non-streamed, or reassembled) answer in canonical form. */
public record ChatResponse(
    String id, String model, long createdEpochSeconds, List<Choice> choices, Usage usage) {

  public ChatResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    choices = List.copyOf(choices);
    Objects.requireNonNull(usage, "usage");
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("a response has at least one choice");
    }
  }

  public Choice first() {
    return choices.getFirst();
  }

  public ChatResponse withUsage(Usage newUsage) {
    return new ChatResponse(id, model, createdEpochSeconds, choices, newUsage);
  }

  public ChatResponse withModel(String newModel) {
    return new ChatResponse(id, newModel, createdEpochSeconds, choices, usage);
  }
}
