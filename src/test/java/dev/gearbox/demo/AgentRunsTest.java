package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentRunsTest {
  private static final List<Script.AgentRun> RUNS = AgentRuns.bundled();

  @Test
  void demo_replaysTheFirstTrialOfEachAirlineTask() {
    assertThat(RUNS).hasSize(50);
    assertThat(RUNS.getFirst().runId()).isEqualTo("airline-task-0-trial-0");
    assertThat(RUNS.stream().mapToInt(Script::requests).sum()).isEqualTo(642);
  }

  @Test
  void eachCall_sendsTheSystemPromptTheHistorySoFarAndTheTools() {
    List<ChatRequest> calls = RUNS.getFirst().calls();

    ChatRequest first = calls.getFirst();
    assertThat(first.model()).isEqualTo("auto");
    assertThat(first.messages().getFirst().role()).isEqualTo(Role.SYSTEM);
    assertThat(first.messages().getFirst().text()).contains("airline");
    assertThat(first.messages().get(1).role()).isEqualTo(Role.USER);
    assertThat(first.tools()).extracting(t -> t.name())
        .contains("get_user_details", "book_reservation");
    for (int k = 1; k < calls.size(); k++) {
      assertThat(calls.get(k).messages().size())
          .isGreaterThan(calls.get(k - 1).messages().size());
      assertThat(calls.get(k).messages().subList(0, calls.get(k - 1).messages().size()))
          .isEqualTo(calls.get(k - 1).messages());
    }
  }

  @Test
  void toolResults_answerTheCallsBeforeThem() {
    ChatRequest last = RUNS.getFirst().calls().getLast();

    assertThat(last.messages()).anyMatch(m -> m.role() == Role.TOOL
        && m.toolCallId().isPresent() && m.name().isPresent());
    assertThat(last.messages()).anyMatch(m -> !m.toolCalls().isEmpty());
  }
}
