package dev.gearbox.demo;

import dev.gearbox.compress.AgentTraces;
import dev.gearbox.compress.Trajectory;
import java.util.List;

/**
 * The recorded agent runs the demo replays: the first trial of each of the 50 tau-bench airline
 * tasks in the bundled {@link AgentTraces}. Each run becomes one call per recorded assistant
 * turn, sending what the agent sent then (system prompt, conversation so far, tools), so the
 * context grows call by call as it did in the recording.
 *
 * <p>One trial per task, because the trials of a task open with the same customer message: the
 * first calls of two trials are the same request, and which of them the exact cache answered
 * would then depend on which client got there first.
 */
final class AgentRuns {
  private AgentRuns() {}

  static List<Script.AgentRun> bundled() {
    return AgentTraces.bundled().trajectories().stream()
        .filter(t -> t.trial() == 0)
        .map(AgentRuns::run)
        .toList();
  }

  private static Script.AgentRun run(Trajectory trajectory) {
    return new Script.AgentRun(trajectory.id(), trajectory.calls());
  }
}
