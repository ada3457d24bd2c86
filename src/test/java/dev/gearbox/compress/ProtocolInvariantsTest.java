package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.eval.ProviderSummariser;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a method leaves out, the request keeps the protocol: the system prompt first, tool
 * calls beside their results, turns in an order the original already had, and the last user
 * turn exactly as sent. Checked on recorded agent calls and on hand-made edge cases.
 */
class ProtocolInvariantsTest {
  private static final int MIN_TOKENS = 2000;
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

  /** Every tenth recorded run (ten tasks), all of its calls over the threshold. */
  private static List<AgentStep> recordedCalls() {
    List<Trajectory> runs = AgentTraces.bundled().trajectories();
    List<AgentStep> steps = new ArrayList<>();
    for (int i = 0; i < runs.size(); i += 20) {
      steps.addAll(runs.get(i).steps());
    }
    return steps;
  }

  @Test
  void extractive_keepsTheProtocolOnRecordedAgentCalls() {
    assertProtocolOnRecordedCalls(CompressionMethod.EXTRACTIVE);
  }

  @Test
  void summary_keepsTheProtocolOnRecordedAgentCalls() {
    assertProtocolOnRecordedCalls(CompressionMethod.SUMMARY);
  }

  private static void assertProtocolOnRecordedCalls(CompressionMethod method) {
    ContextCompressor stage = Fixtures.stage(method, MIN_TOKENS);
    int compressed = 0;
    for (AgentStep step : recordedCalls()) {
      Optional<Compression> result =
          stage.compress(step.request(), Fixtures.FRONTIER, "run", smallTier);
      if (result.isPresent()) {
        compressed++;
        Protocol.assertKept(step.request(), result.get().request());
        assertThat(result.get().note().tokensAfter())
            .isLessThan(result.get().note().tokensBefore());
      }
    }
    assertThat(compressed).isGreaterThan(20);
  }

  // ---- hand-made edge cases -----------------------------------------------------------------

  private static final String POLICY = "You are an airline agent. Follow the policy.";

  private static String prose(String topic) {
    return ("I would like to talk about %s. It matters a great deal to me and my family."
        + " We planned this trip for months. ").formatted(topic).repeat(6);
  }

  private static Message call(String id, String name, String args) {
    return Message.assistant("", List.of(new ToolCall(id, name, args)));
  }

  private static ChatRequest request(List<Message> messages) {
    List<Message> all = new ArrayList<>();
    all.add(Message.text(Role.SYSTEM, POLICY));
    all.addAll(messages);
    return ChatRequest.of("auto", all);
  }

  private static Compression compress(ChatRequest request, CompressionMethod method) {
    return Fixtures.stage(method, 0).compress(request, Fixtures.FRONTIER, "edge", smallTier)
        .orElseThrow();
  }

  @Test
  void parallelToolCallsOfALeftOutRound_goWithAllTheirResults() {
    ChatRequest request = request(List.of(
        Message.text(Role.USER, prose("my baggage")),
        Message.assistant("", List.of(new ToolCall("a", "get_user_details", "{}"),
            new ToolCall("b", "get_reservation_details", "{\"reservation_id\":\"ZFA04Y\"}"))),
        Message.toolResult("a", "{\"user_id\": \"mia_li_3668\", \"dob\": \"1990-04-05\"}"),
        Message.toolResult("b", "{\"reservation_id\": \"ZFA04Y\", \"amount\": 250}"),
        Message.text(Role.ASSISTANT, prose("what I found")),
        Message.text(Role.USER, prose("the weather")),
        Message.text(Role.ASSISTANT, prose("the forecast")),
        Message.text(Role.USER, "Please cancel it.")));

    for (CompressionMethod method : CompressionMethod.values()) {
      Compression result = compress(request, method);

      Protocol.assertKept(request, result.request());
      assertThat(result.note().droppedMessages()).contains(1, 2, 3, 4, 5);
      assertThat(result.request().messages().get(1).text())
          .contains("mia_li_3668", "ZFA04Y", "1990-04-05", "250");
    }
  }

  @Test
  void conversationOpeningWithTheAssistant_stillOpensWithTheAssistant() {
    ChatRequest request = request(List.of(
        Message.text(Role.ASSISTANT, prose("greetings")),
        Message.text(Role.USER, prose("a refund")),
        Message.text(Role.ASSISTANT, prose("refund rules")),
        Message.text(Role.USER, prose("my dog")),
        Message.text(Role.ASSISTANT, prose("pets")),
        Message.text(Role.USER, "Thanks, that is all.")));

    for (CompressionMethod method : CompressionMethod.values()) {
      Protocol.assertKept(request, compress(request, method).request());
    }
  }

  @Test
  void lastToolResult_isSentAsItCame_earlierOnesCompactly() {
    String flights = "[{\"flight_number\": \"HAT069\", \"price\": 121},"
        + " {\"flight_number\": \"HAT083\", \"price\": 100}]";
    ChatRequest request = request(List.of(
        Message.text(Role.USER, prose("old plans")),
        Message.text(Role.ASSISTANT, prose("old options")),
        Message.text(Role.USER, prose("other plans")),
        Message.text(Role.ASSISTANT, prose("other options")),
        Message.text(Role.USER, prose("new plans")),
        call("s1", "search_direct_flight", "{\"date\":\"2024-05-20\"}"),
        Message.toolResult("s1", flights),
        call("s2", "search_direct_flight", "{\"date\":\"2024-05-21\"}"),
        Message.toolResult("s2", flights)));

    Compression result = compress(request, CompressionMethod.EXTRACTIVE);

    List<Message> sent = result.request().messages();
    assertThat(sent.getLast().text()).isEqualTo(flights);
    assertThat(sent.get(sent.size() - 3).text())
        .isEqualTo("table flight_number|price:\nHAT069|121\nHAT083|100");
    Protocol.assertKept(request, result.request());
  }

  @Test
  void olderMessageWithAnImage_isNeverRewritten() {
    Message photo = new Message(Role.USER, List.of(new ContentPart.Text(prose("this damage")),
        ContentPart.Image.ofUrl("https://example.com/bag.jpg")), List.of(), Optional.empty(),
        Optional.empty());
    ChatRequest request = request(List.of(
        photo,
        Message.text(Role.ASSISTANT, prose("damage claims")),
        Message.text(Role.USER, prose("compensation")),
        Message.text(Role.ASSISTANT, prose("compensation rules")),
        Message.text(Role.USER, "OK.")));

    Compression result = compress(request, CompressionMethod.EXTRACTIVE);

    assertThat(result.request().messages()).allMatch(m -> m == photo || !m.hasImages());
    assertThat(result.note().shrunkMessages()).doesNotContain(1);
    Protocol.assertKept(request, result.request());
  }

  @Test
  void noteTokens_matchTheTokenizer() {
    ChatRequest request = AgentTraces.bundled().trajectories().get(7).calls().getLast();

    Compression result = Fixtures.stage(CompressionMethod.EXTRACTIVE, MIN_TOKENS)
        .compress(request, Fixtures.FRONTIER, "t", smallTier).orElseThrow();

    TokenCounter tokens = TokenCounter.cl100k();
    assertThat(result.note().tokensBefore()).isEqualTo(tokens.countPrompt(request));
    assertThat(result.note().tokensAfter()).isEqualTo(tokens.countPrompt(result.request()));
  }
}
