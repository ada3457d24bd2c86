package dev.gearbox.compress;

import dev.gearbox.model.ChatRequest;

/**
 * Sends a summary request to the small tier. The gateway implements it with a real call of its
 * own (its own ledger row, a child of the call being compressed); the evaluation with a direct
 * call of the configured provider.
 */
@FunctionalInterface
public interface Summariser {

  /**
   * The small model's answer to {@code request} and what it cost.
   *
   * @throws dev.gearbox.model.GatewayException when the call failed; the stage then falls back
   *     to the extractive method
   */
  SummaryAnswer summarise(ChatRequest request);
}
