package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.gearbox.sim.RecordedItem;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import dev.gearbox.wire.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK, pointed at a running gateway on the embedded default. */
class OpenAiSdkTest {
  @TempDir static Path dataDir;

  private static GatewayHarness gateway;
  private static OpenAIClient client;
  private static RecordedItem gsm8k;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.embeddedDefault(dataDir);
    client = OpenAIOkHttpClient.builder()
        .baseUrl(gateway.openAiBaseUrl())
        .apiKey("unused-on-loopback")
        .maxRetries(0)
        .build();
    gsm8k = RecordedSets.bundled().items(RecordedSet.GSM8K).getFirst();
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  private static String recordedAnswer(String model) {
    return gsm8k.answer(model, 0).orElseThrow().text().orElseThrow();
  }

  @Test
  void reasoningEffort_asTheSdkSendsIt_isServed() {
    ChatCompletion completion = client.chat().completions().create(
        ChatCompletionCreateParams.builder()
            .model("sim-frontier")
            .reasoningEffort(ReasoningEffort.HIGH)
            .addUserMessage(gsm8k.prompt())
            .build());

    assertThat(completion.choices().getFirst().message().content())
        .contains(recordedAnswer("gpt-4-1106-preview"));
  }

  @Test
  void plainCompletion_returnsTheRecordedGpt4AnswerVerbatim() {
    ChatCompletion completion = client.chat().completions().create(
        ChatCompletionCreateParams.builder()
            .model("sim-frontier")
            .addUserMessage(gsm8k.prompt())
            .build());

    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().getFirst().message().content())
        .contains(recordedAnswer("gpt-4-1106-preview"));
    assertThat(completion.choices().getFirst().finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
    assertThat(completion.model()).isEqualTo("sim-frontier");
  }

  @Test
  void smallTier_returnsMixtralsRecordedAnswer() {
    ChatCompletion completion = client.chat().completions().create(
        ChatCompletionCreateParams.builder()
            .model("sim-small")
            .addUserMessage(gsm8k.prompt())
            .build());

    assertThat(completion.choices().getFirst().message().content())
        .contains(recordedAnswer("Mixtral-8x7B-Instruct"));
  }

  @Test
  void streaming_reassemblesTheSameTextAndReportsUsageInTheLastChunk() {
    StringBuilder text = new StringBuilder();
    long completionTokens = 0;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        ChatCompletionCreateParams.builder()
            .model("sim-frontier")
            .addUserMessage(gsm8k.prompt())
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build())) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
        if (chunk.usage().isPresent()) {
          completionTokens = chunk.usage().get().completionTokens();
        }
      }
    }

    assertThat(text.toString()).isEqualTo(recordedAnswer("gpt-4-1106-preview"));
    assertThat(completionTokens).isPositive();
  }

  @Test
  void tools_answerWithACallWhoseArgumentsParseAndMatchTheSchema() throws Exception {
    ChatCompletion completion = client.chat().completions().create(
        ChatCompletionCreateParams.builder()
            .model("auto")
            .addUserMessage("What is the weather in Paris right now?")
            .addTool(weatherTool())
            .build());

    List<ChatCompletionMessageToolCall> calls =
        completion.choices().getFirst().message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(1);
    var function = calls.getFirst().asFunction().function();
    assertThat(function.name()).isEqualTo("get_weather");
    JsonNode arguments = Json.MAPPER.readTree(function.arguments());
    assertThat(arguments.path("city").isTextual()).isTrue();
    assertThat(completion.choices().getFirst().finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
  }

  @Test
  void streamedToolCall_arrivesWithIdAndNameFirstAndArgumentsReassembled() throws Exception {
    String name = null;
    String id = null;
    StringBuilder arguments = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        ChatCompletionCreateParams.builder()
            .model("sim-frontier")
            .addUserMessage("What is the weather in Oslo?")
            .addTool(weatherTool())
            .build())) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
          for (ChatCompletionChunk.Choice.Delta.ToolCall call
              : choice.delta().toolCalls().orElse(List.of())) {
            if (call.id().isPresent()) {
              id = call.id().get();
              name = call.function().orElseThrow().name().orElseThrow();
            }
            call.function().flatMap(f -> f.arguments()).ifPresent(arguments::append);
          }
        }
      }
    }

    assertThat(id).isNotBlank();
    assertThat(name).isEqualTo("get_weather");
    assertThat(Json.MAPPER.readTree(arguments.toString()).path("city").isTextual()).isTrue();
  }

  @Test
  void jsonMode_answersWithParseableJson() throws Exception {
    ChatCompletion completion = client.chat().completions().create(
        ChatCompletionCreateParams.builder()
            .model("sim-small")
            .addUserMessage("List three primary colours as JSON.")
            .responseFormat(ResponseFormatJsonObject.builder().build())
            .build());

    String content = completion.choices().getFirst().message().content().orElseThrow();
    assertThat(Json.MAPPER.readTree(content).isObject()).isTrue();
  }

  @Test
  void modelList_namesAutoFirst_thenTheConfiguredAliases() {
    List<String> ids = client.models().list().data().stream().map(m -> m.id()).toList();

    assertThat(ids).containsExactly("auto", "sim-frontier", "sim-small");
    assertThat(client.models().retrieve("auto").ownedBy()).isEqualTo("gearbox");
  }

  static ChatCompletionFunctionTool weatherTool() {
    return ChatCompletionFunctionTool.builder()
        .function(FunctionDefinition.builder()
            .name("get_weather")
            .description("Current weather for a city")
            .parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties",
                    JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                .build())
            .build())
        .build();
  }
}
