package dev.gearbox.demo;

import java.util.List;

/** The recorded agent runs the demo replays. */
final class AgentRuns {
  private AgentRuns() {}

  static List<Script.AgentRun> bundled() {
    return List.of();
  }
}
