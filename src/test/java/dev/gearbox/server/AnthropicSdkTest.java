package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import dev.gearbox.sim.RecordedItem;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Anthropic Java SDK against a running gateway whose upstream (the embedded
 * simulator) is OpenAI-compatible: the Anthropic-on-OpenAI direction of format translation.
 */
class AnthropicSdkTest {
  @TempDir static Path dataDir;

  private static GatewayHarness gateway;
  private static AnthropicClient client;
  private static RecordedItem gsm8k;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.embeddedDefault(dataDir);
    client = AnthropicOkHttpClient.builder()
        .baseUrl(gateway.root())
        .apiKey("unused-on-loopback")
        .maxRetries(0)
        .build();
    gsm8k = RecordedSets.bundled().items(RecordedSet.GSM8K).get(1);
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  private static String recordedGpt4Answer() {
    return gsm8k.answer("gpt-4-1106-preview", 0).orElseThrow().text().orElseThrow();
  }

  @Test
  void plainMessage_returnsTheRecordedAnswerAsOneTextBlock() {
    Message message = client.messages().create(MessageCreateParams.builder()
        .model("sim-frontier")
        .maxTokens(2048)
        .system("You are a careful math tutor.")
        .addUserMessage(gsm8k.prompt())
        .build());

    assertThat(message.content()).hasSize(1);
    assertThat(message.content().getFirst().text().orElseThrow().text())
        .isEqualTo(recordedGpt4Answer());
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
  }

  @Test
  void streaming_deliversTheFullEventSequenceThatTheAccumulatorReassembles() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
        MessageCreateParams.builder()
            .model("sim-frontier")
            .maxTokens(2048)
            .addUserMessage(gsm8k.prompt())
            .build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    Message message = accumulator.message();
    assertThat(message.content().getFirst().text().orElseThrow().text())
        .isEqualTo(recordedGpt4Answer());
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isPositive();
  }

  @Test
  void maxTokensTooSmall_stopsWithMaxTokens() {
    Message message = client.messages().create(MessageCreateParams.builder()
        .model("sim-small")
        .maxTokens(5)
        .addUserMessage(gsm8k.prompt())
        .build());

    assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
    assertThat(message.usage().outputTokens()).isLessThanOrEqualTo(5);
  }

  @Test
  void tools_answerWithAToolUseBlock_plainAndStreamed() {
    MessageCreateParams params = MessageCreateParams.builder()
        .model("auto")
        .maxTokens(1024)
        .addUserMessage("What is the weather in Lisbon?")
        .addTool(weatherTool())
        .build();

    Message plain = client.messages().create(params);
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }

    for (Message message : List.of(plain, accumulator.message())) {
      ToolUseBlock toolUse = message.content().stream()
          .filter(ContentBlock::isToolUse)
          .map(ContentBlock::asToolUse)
          .findFirst()
          .orElseThrow();
      assertThat(toolUse.name()).isEqualTo("get_weather");
      assertThat(toolUse.id()).isNotBlank();
      assertThat(toolUse._input().toString()).contains("city");
      assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }
  }

  static Tool weatherTool() {
    return Tool.builder()
        .name("get_weather")
        .description("Current weather for a city")
        .inputSchema(Tool.InputSchema.builder()
            .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }
}
