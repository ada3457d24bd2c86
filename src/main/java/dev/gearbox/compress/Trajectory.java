package dev.gearbox.compress;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded run of a tool-calling agent on one task: the conversation between a simulated
 * customer, the agent and its tools, with the system prompt kept apart.
 *
 * @param taskId the benchmark's task number
 * @param trial which of the task's repeated runs this is
 * @param succeeded whether the benchmark scored the run a success (reward 1)
 * @param userInstruction the goal the simulated customer was given
 * @param messages the conversation after the system prompt, in order
 * @param goldActions the actions the benchmark expects for the task
 * @param tools the tools offered on every call of the run
 */
public record Trajectory(
    int taskId,
    int trial,
    boolean succeeded,
    String userInstruction,
    String systemPrompt,
    List<Message> messages,
    List<GoldAction> goldActions,
    List<Tool> tools) {

  public Trajectory {
    Objects.requireNonNull(userInstruction, "userInstruction");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    messages = List.copyOf(messages);
    goldActions = List.copyOf(goldActions);
    tools = List.copyOf(tools);
  }

  /** A stable name, e.g. {@code airline-task-12-trial-3}, usable as an agent session id. */
  public String id() {
    return "airline-task-" + taskId + "-trial-" + trial;
  }

  /**
   * The agent's model calls in order: call k sends the system prompt and every message before
   * the k-th assistant message, with the tools; the model is {@code auto}.
   */
  public List<ChatRequest> calls() {
    return steps().stream().map(AgentStep::request).toList();
  }

  /** The agent's model calls with the answers they got, in order. */
  public List<AgentStep> steps() {
    List<AgentStep> steps = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).role() == Role.ASSISTANT) {
        steps.add(new AgentStep(steps.size(), i, request(i), messages.get(i)));
      }
    }
    return steps;
  }

  private ChatRequest request(int answerIndex) {
    List<Message> prompt = new ArrayList<>();
    prompt.add(Message.text(Role.SYSTEM, systemPrompt));
    prompt.addAll(messages.subList(0, answerIndex));
    return new ChatRequest(
        "auto", prompt, tools, Optional.empty(), Optional.empty(),
        Sampling.DEFAULT, false, false);
  }
}
