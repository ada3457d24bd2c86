package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.gearbox.cost.TokenCounter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK against a simulator on loopback ({@code /v1/messages}). */
class SimulatorAnthropicSdkTest {
  private static Simulator simulator;
  private static AnthropicClient client;

  @BeforeAll
  static void start() {
    simulator = Simulator.start(SimConfig.defaults().fast(), 0);
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl(simulator.rootUri().toString())
            .apiKey("sk-ant-test-not-a-secret")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    simulator.close();
  }

  private static MessageCreateParams ask(String model, String prompt, long maxTokens) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(maxTokens)
        .addUserMessage(prompt)
        .build();
  }

  private static String text(Message message) {
    return message.content().stream()
        .flatMap(block -> block.text().stream())
        .map(t -> t.text())
        .collect(Collectors.joining());
  }

  private static String recorded(RecordedItem item, String model) {
    return item.answer(model, 0).orElseThrow().text().orElseThrow();
  }

  @Test
  void messages_answersWithTheRecordedAnswer() {
    RecordedItem item = RecordedSets.bundled().items(RecordedSet.GSM8K).get(20);

    Message message = client.messages().create(ask("sim-small", item.prompt(), 2048));

    assertThat(text(message)).isEqualTo(recorded(item, "Mixtral-8x7B-Instruct"));
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens())
        .isEqualTo(TokenCounter.cl100k().count(recorded(item, "Mixtral-8x7B-Instruct")));
  }

  @Test
  void messagesStream_reassemblesTheRecordedAnswer() {
    RecordedItem item = RecordedSets.bundled().items(RecordedSet.GSM8K).get(21);
    MessageAccumulator accumulator = MessageAccumulator.create();

    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(ask("sim-frontier", item.prompt(), 2048))) {
      stream.stream().forEach(accumulator::accumulate);
    }

    Message message = accumulator.message();
    assertThat(text(message)).isEqualTo(recorded(item, "gpt-4-1106-preview"));
    assertThat(message.usage().outputTokens()).isPositive();
  }

  @Test
  void maxTokens_endsTheAnswerWithStopReasonMaxTokens() {
    RecordedItem item = RecordedSets.bundled().items(RecordedSet.GSM8K).get(22);

    Message message = client.messages().create(ask("sim-frontier", item.prompt(), 10));

    assertThat(TokenCounter.cl100k().count(text(message))).isLessThanOrEqualTo(10);
    assertThat(recorded(item, "gpt-4-1106-preview")).startsWith(text(message));
    assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
    assertThat(message.content()).allMatch(ContentBlock::isText);
  }
}
