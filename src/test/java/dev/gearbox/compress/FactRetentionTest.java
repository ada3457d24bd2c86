package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.eval.ProviderSummariser;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On recorded agent runs, the call that acts on facts said many turns earlier still sees every
 * one of them after compression: the ids, amounts, dates and names of the tool call the agent
 * then made.
 */
class FactRetentionTest {
  private static final Pattern VOCABULARY = Pattern.compile("[a-z_ ]+");
  @TempDir static Path dataDir;
  private static ProviderSummariser smallTier;

  @BeforeAll
  static void start() {
    smallTier = ProviderSummariser.start(Fixtures.embeddedDefault(dataDir),
        name -> Optional.empty(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    smallTier.close();
  }

  private static AgentStep step(int run, int call) {
    return AgentTraces.bundled().trajectories().get(run).steps().get(call);
  }

  /** The booking: user id, flights, passenger, certificate and card, said turns before. */
  @ParameterizedTest
  @EnumSource(CompressionMethod.class)
  void bookingCall_keepsUserFlightsPassengerAndPayments(CompressionMethod method) {
    assertKeepsFactsOfTheAnswer(step(0, 13), method);
  }

  /** The flight change: the reservation and the gift card it pays with, from early results. */
  @ParameterizedTest
  @EnumSource(CompressionMethod.class)
  void flightChangeCall_keepsReservationFlightsAndGiftCard(CompressionMethod method) {
    AgentStep step = AgentTraces.bundled().trajectories().stream()
        .filter(t -> t.id().equals("airline-task-20-trial-2")).findFirst().orElseThrow()
        .steps().get(7);
    assertThat(step.answer().toolCalls().getFirst().name())
        .isEqualTo("update_reservation_flights");

    assertKeepsFactsOfTheAnswer(step, method);
  }

  private static void assertKeepsFactsOfTheAnswer(AgentStep step, CompressionMethod method) {
    ChatRequest original = step.request();
    Compression result = Fixtures.stage(method, 2000)
        .compress(original, Fixtures.FRONTIER, "retention-" + method, smallTier).orElseThrow();

    List<String> facts = argumentFacts(step.answer()).stream()
        .filter(f -> conversationText(original).contains(f))
        .filter(f -> !original.messages().getFirst().text().contains(f))
        .toList();
    assertThat(facts).hasSizeGreaterThan(3);
    assertThat(result.note().droppedMessages()).isNotEmpty();
    assertThat(allText(result.request())).contains(facts);
  }

  private static List<String> argumentFacts(Message answer) {
    return answer.toolCalls().stream()
        .flatMap(c -> Protocol.jsonValues(c.argumentsJson()).stream())
        .filter(v -> !VOCABULARY.matcher(v).matches())
        .distinct()
        .toList();
  }

  private static String conversationText(ChatRequest request) {
    StringBuilder text = new StringBuilder();
    request.messages().stream().filter(m -> m.role() != Role.SYSTEM)
        .forEach(m -> text.append(Draft.textOf(m)).append('\n'));
    return text.toString();
  }

  private static String allText(ChatRequest request) {
    StringBuilder text = new StringBuilder();
    for (Message m : request.messages()) {
      text.append(m.text()).append('\n');
      m.toolCalls().stream().map(ToolCall::argumentsJson).forEach(a -> text.append(a));
    }
    return text.toString();
  }
}
