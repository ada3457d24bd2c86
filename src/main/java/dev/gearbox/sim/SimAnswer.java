package dev.gearbox.sim;

import dev.gearbox.model.ChatResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * What the simulator answers to one request, with what it knows about the answer: the recorded
 * outcome (for {@code x-sim-outcome}) and where the text came from (for {@code x-sim-source}).
 */
record SimAnswer(ChatResponse response, Optional<Outcome> outcome, String source) {
  SimAnswer {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(source, "source");
  }

  /** The {@code x-sim-outcome} value: the recorded outcome, or {@code unknown}. */
  String outcomeHeader() {
    return outcome.map(Outcome::headerValue).orElse("unknown");
  }
}
