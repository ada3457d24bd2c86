package dev.gearbox.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.compress.AgentStep;
import dev.gearbox.compress.AgentTraces;
import dev.gearbox.compress.Trajectory;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeededFactsTest {
  private static final Trajectory BOOKING = AgentTraces.bundled().trajectories().getFirst();

  @Test
  void atTheBookingCall_needsUserFlightsPassengerAndPayments() {
    AgentStep booking = BOOKING.steps().get(13);

    Set<String> needed = NeededFacts.at(BOOKING, booking);

    assertThat(needed).contains("mia_li_3668", "HAT136", "HAT039", "2024-05-20", "Mia", "Li",
        "1990-04-05", "certificate_7504069", "credit_card_4421486");
    assertThat(needed).doesNotContain("economy", "one_way", "no");
  }

  @Test
  void factsNotYetSaid_areNotNeeded() {
    AgentStep opening = BOOKING.steps().getFirst();

    assertThat(NeededFacts.at(BOOKING, opening)).doesNotContain("mia_li_3668", "HAT136");
  }

  @Test
  void factsOfTheSystemPrompt_areNotCounted() {
    AgentStep booking = BOOKING.steps().get(13);

    assertThat(BOOKING.systemPrompt()).contains("2024-05-15");
    assertThat(NeededFacts.at(BOOKING, booking)).allMatch(f ->
        !NeededFacts.holds(BOOKING.systemPrompt(), f));
  }

  @Test
  void kept_dropsWhenTheContextLosesAFact() {
    AgentStep booking = BOOKING.steps().get(13);
    Set<String> needed = NeededFacts.at(BOOKING, booking);
    ChatRequest request = booking.request();
    List<Message> firstAndLast =
        List.of(request.messages().getFirst(), request.messages().getLast());

    assertThat(NeededFacts.kept(needed, request)).isEqualTo(needed.size());
    assertThat(NeededFacts.kept(needed, request.withMessages(firstAndLast)))
        .isLessThan(needed.size() / 2);
  }

  @Test
  void holds_needsTheWholeWord() {
    assertThat(NeededFacts.holds("paid $250.", "250")).isTrue();
    assertThat(NeededFacts.holds("paid 1250", "250")).isFalse();
    assertThat(NeededFacts.holds("flight HAT136", "HAT13")).isFalse();
    assertThat(NeededFacts.holds("{\"id\":\"HAT136\"}", "HAT136")).isTrue();
  }
}
