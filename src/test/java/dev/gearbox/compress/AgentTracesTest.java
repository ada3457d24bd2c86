package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Tool;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentTracesTest {
  private final AgentTraces traces = AgentTraces.bundled();

  @Test
  void bundle_holds200RunsOf50TasksWith2454Calls() {
    assertThat(traces.trajectories()).hasSize(200);
    assertThat(traces.trajectories().stream().map(Trajectory::taskId).distinct()).hasSize(50);
    assertThat(traces.callCount()).isEqualTo(2454);
    assertThat(traces.trajectories().stream().filter(Trajectory::succeeded)).hasSize(84);
  }

  @Test
  void callK_sendsSystemPromptAndEveryMessageBeforeTheKthAssistantMessage() {
    Trajectory run = traces.trajectories().getFirst();
    List<AgentStep> steps = run.steps();
    long assistantMessages = run.messages().stream().filter(m -> m.role() == Role.ASSISTANT)
        .count();

    assertThat(steps).hasSize((int) assistantMessages);
    for (AgentStep step : steps) {
      ChatRequest request = step.request();
      assertThat(request.messages().getFirst()).isEqualTo(
          Message.text(Role.SYSTEM, run.systemPrompt()));
      assertThat(request.messages().subList(1, request.messages().size()))
          .isEqualTo(run.messages().subList(0, step.answerIndex()));
      assertThat(step.answer()).isSameAs(run.messages().get(step.answerIndex()));
      assertThat(request.tools()).isEqualTo(traces.tools());
      assertThat(request.model()).isEqualTo("auto");
    }
    assertThat(run.calls()).isEqualTo(steps.stream().map(AgentStep::request).toList());
  }

  @Test
  void firstRun_isTheRecordedBookingConversation() {
    Trajectory run = traces.trajectories().getFirst();

    assertThat(run.id()).isEqualTo("airline-task-0-trial-0");
    assertThat(run.systemPrompt()).startsWith("# Airline Agent Policy");
    assertThat(run.messages().getFirst().text())
        .isEqualTo("Hi! I'm looking to book a flight from New York to Seattle on May 20th.");
    assertThat(run.goldActions()).extracting(GoldAction::name).containsExactly("book_reservation");
    assertThat(run.goldActions().getFirst().arguments().path("user_id").asText())
        .isEqualTo("mia_li_3668");
  }

  @Test
  void toolResults_carryTheIdOfTheCallTheyAnswer() {
    for (Trajectory run : traces.trajectories()) {
      List<Message> messages = run.messages();
      for (int i = 0; i < messages.size(); i++) {
        if (messages.get(i).role() == Role.TOOL) {
          String id = messages.get(i).toolCallId().orElseThrow();
          assertThat(messages.get(i - 1).toolCalls()).extracting(c -> c.id()).contains(id);
        }
      }
    }
  }

  @Test
  void tools_areDerivedFromTheRecordedCalls() {
    assertThat(traces.tools()).extracting(Tool::name).containsExactlyInAnyOrder(
        "get_user_details", "think", "list_all_airports", "get_reservation_details",
        "search_onestop_flight", "update_reservation_passengers", "send_certificate",
        "cancel_reservation", "transfer_to_human_agents", "update_reservation_flights",
        "update_reservation_baggages", "calculate", "search_direct_flight", "book_reservation");
    Tool booking = traces.tools().stream().filter(t -> t.name().equals("book_reservation"))
        .findFirst().orElseThrow();
    assertThat(booking.description()).isEmpty();
    assertThat(booking.parametersSchema().path("properties").path("total_baggages")
        .path("type").asText()).isEqualTo("integer");
    assertThat(booking.parametersSchema().path("properties").path("passengers").path("items")
        .path("properties").has("dob")).isTrue();
    assertThat(booking.parametersSchema().path("required").toString()).contains("payment_methods");
  }
}
