package dev.gearbox.compress;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import java.util.Objects;

/**
 * One model call of a recorded agent run: the request the agent sent (system prompt, every
 * message before the answer, the tools) and the answer it got.
 *
 * @param callIndex the position of this call within its trajectory, from 0
 * @param answerIndex the index of the recorded answer in the trajectory's messages
 */
public record AgentStep(int callIndex, int answerIndex, ChatRequest request, Message answer) {
  public AgentStep {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(answer, "answer");
    if (answer.role() != Role.ASSISTANT) {
      throw new IllegalArgumentException("a recorded answer is an assistant message");
    }
  }
}
