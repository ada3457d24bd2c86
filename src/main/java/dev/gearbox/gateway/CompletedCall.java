package dev.gearbox.gateway;

import dev.gearbox.model.ChatResponse;
import java.math.BigDecimal;
import java.util.Objects;

/** A finished non-streamed call: the answer, why it went where it went, and what it cost. */
public record CompletedCall(
    ChatResponse response, Decision decision, BigDecimal costUsd, BigDecimal savedUsd) {
  public CompletedCall {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(savedUsd, "savedUsd");
  }
}
