package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.wire.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK against a simulator on loopback. */
class SimulatorOpenAiSdkTest {
  private static Simulator simulator;
  private static OpenAIClient client;
  private static final TokenCounter TOKENS = TokenCounter.cl100k();

  @BeforeAll
  static void start() {
    simulator = Simulator.start(SimConfig.defaults().fast(), 0);
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(simulator.baseUri().toString())
            .apiKey("sk-test-not-a-secret")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    simulator.close();
  }

  private static RecordedItem gsm8k(int index) {
    return RecordedSets.bundled().items(RecordedSet.GSM8K).get(index);
  }

  private static String recordedText(RecordedItem item, String model) {
    return item.answer(model, 0).orElseThrow().text().orElseThrow();
  }

  private static ChatCompletionCreateParams ask(String model, String prompt) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt).build();
  }

  @Test
  void gsm8kPrompt_frontierAnswersWithGpt4RecordingVerbatim() {
    RecordedItem item = gsm8k(0);

    ChatCompletion completion =
        client.chat().completions().create(ask("sim-frontier", item.prompt()));

    assertThat(completion.choices().getFirst().message().content())
        .contains(recordedText(item, "gpt-4-1106-preview"));
    assertThat(completion.model()).isEqualTo("sim-frontier");
  }

  @Test
  void gsm8kPrompt_smallAnswersWithMixtralRecordingVerbatim() {
    RecordedItem item = gsm8k(7);

    ChatCompletion completion = client.chat().completions().create(ask("sim-small", item.prompt()));

    assertThat(completion.choices().getFirst().message().content())
        .contains(recordedText(item, "Mixtral-8x7B-Instruct"));
  }

  @Test
  void usage_countsTheAnswerWithJtokkit() {
    RecordedItem item = gsm8k(3);

    ChatCompletion completion =
        client.chat().completions().create(ask("sim-frontier", item.prompt()));

    String text = completion.choices().getFirst().message().content().orElseThrow();
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(TOKENS.count(text));
    assertThat(completion.usage().orElseThrow().promptTokens())
        .isEqualTo(TOKENS.count(item.prompt()) + 6);
  }

  @Test
  void outcomeHeader_saysWhetherTheRecordedAnswerWasCorrect() {
    RecordedItem item =
        RecordedSets.bundled().items(RecordedSet.GSM8K).stream()
            .filter(
                i ->
                    i.answer("gpt-4-1106-preview", 0).orElseThrow().outcome().orElseThrow()
                        instanceof Outcome.Wrong)
            .findFirst()
            .orElseThrow();

    HttpResponseFor<ChatCompletion> wrong =
        client.chat().completions().withRawResponse().create(ask("sim-frontier", item.prompt()));
    HttpResponseFor<ChatCompletion> right =
        client
            .chat()
            .completions()
            .withRawResponse()
            .create(ask("sim-frontier", gsm8k(0).prompt()));

    assertThat(wrong.headers().values("x-sim-outcome")).containsExactly("wrong");
    assertThat(wrong.headers().values("x-sim-source")).containsExactly("recorded:" + item.key());
    assertThat(right.headers().values("x-sim-outcome")).containsExactly("correct");
  }

  @Test
  void streaming_reassemblesTheRecordedTextAndReportsUsage() {
    RecordedItem item = gsm8k(1);
    ChatCompletionCreateParams params =
        ask("sim-frontier", item.prompt()).toBuilder()
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();

    StringBuilder text = new StringBuilder();
    Optional<Long> completionTokens = Optional.empty();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      for (ChatCompletionChunk chunk : stream.stream().toList()) {
        chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
        if (chunk.usage().isPresent()) {
          completionTokens = Optional.of(chunk.usage().get().completionTokens());
        }
      }
    }

    String recorded = recordedText(item, "gpt-4-1106-preview");
    assertThat(text.toString()).isEqualTo(recorded);
    assertThat(completionTokens).contains((long) TOKENS.count(recorded));
  }

  @Test
  void splitSse_midUtf8AndCrlf_sdkStillReassemblesTheExactText() {
    RecordedItem item =
        RecordedSets.bundled().items(RecordedSet.MT_BENCH).stream()
            .filter(
                i ->
                    i.answer("gpt-4-1106-preview", 0)
                        .orElseThrow()
                        .text()
                        .orElseThrow()
                        .chars()
                        .anyMatch(c -> c > 0x7FF))
            .findFirst()
            .orElseThrow();
    ChatCompletionCreateParams params =
        ask("sim-frontier", item.prompt()).toBuilder()
            .putAdditionalHeader("x-sim-fault", "split_sse")
            .build();

    StringBuilder text = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream()
          .forEach(
              chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
    }

    assertThat(text.toString()).isEqualTo(recordedText(item, "gpt-4-1106-preview"));
  }

  @Test
  void whitespaceReflowedPrompt_stillMatchesTheRecording() {
    RecordedItem item = gsm8k(2);
    String reflowed = "  " + item.prompt().replace(" ", "\n  ") + "\n";

    ChatCompletion completion = client.chat().completions().create(ask("sim-frontier", reflowed));

    assertThat(completion.choices().getFirst().message().content())
        .contains(recordedText(item, "gpt-4-1106-preview"));
  }

  @Test
  void mtBenchSecondTurn_getsTheRecordedSecondAnswer() {
    RecordedItem item = RecordedSets.bundled().item(RecordedSet.MT_BENCH, "101").orElseThrow();
    String firstAnswer = item.answer("gpt-4-1106-preview", 0).orElseThrow().text().orElseThrow();
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("sim-frontier")
            .addUserMessage(item.turns().get(0))
            .addAssistantMessage(firstAnswer)
            .addUserMessage(item.turns().get(1))
            .build();

    HttpResponseFor<ChatCompletion> response =
        client.chat().completions().withRawResponse().create(params);

    assertThat(response.parse().choices().getFirst().message().content())
        .contains(item.answer("gpt-4-1106-preview", 1).orElseThrow().text().orElseThrow());
    assertThat(response.headers().values("x-sim-source"))
        .containsExactly("recorded:mt-bench:101/turn-2");
    assertThat(response.headers().values("x-sim-outcome").getFirst()).startsWith("score=");
  }

  @Test
  void generatedAnswer_isDeterministicAndHonoursMaxTokens() {
    ChatCompletionCreateParams params =
        ask("sim-small", "Describe a walk along the Thames in autumn.").toBuilder()
            .maxCompletionTokens(20)
            .build();

    ChatCompletion first = client.chat().completions().create(params);
    ChatCompletion second = client.chat().completions().create(params);

    String text = first.choices().getFirst().message().content().orElseThrow();
    assertThat(second.choices().getFirst().message().content()).contains(text);
    assertThat(TOKENS.count(text)).isLessThanOrEqualTo(20);
    assertThat(first.choices().getFirst().finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(first.usage().orElseThrow().completionTokens()).isEqualTo(TOKENS.count(text));
  }

  @Test
  void tools_answerWithACallWhoseArgumentsAreValidJsonForTheSchema() throws Exception {
    ChatCompletionCreateParams params =
        ask("sim-frontier", "Book a table for four in Porto tonight.").toBuilder()
            .addTool(
                ChatCompletionFunctionTool.builder()
                    .function(
                        FunctionDefinition.builder()
                            .name("book_table")
                            .parameters(
                                FunctionParameters.builder()
                                    .putAdditionalProperty("type", JsonValue.from("object"))
                                    .putAdditionalProperty(
                                        "properties",
                                        JsonValue.from(
                                            Map.of(
                                                "city", Map.of("type", "string"),
                                                "people",
                                                    Map.of(
                                                        "type", "integer", "minimum", 1, "maximum",
                                                        12),
                                                "time",
                                                    Map.of(
                                                        "type", "string", "format", "date-time"))))
                                    .putAdditionalProperty(
                                        "required",
                                        JsonValue.from(List.of("city", "people", "time")))
                                    .build())
                            .build())
                    .build())
            .build();

    ChatCompletion completion = client.chat().completions().create(params);

    ChatCompletion.Choice choice = completion.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    var call = choice.message().toolCalls().orElseThrow().getFirst().asFunction().function();
    assertThat(call.name()).isEqualTo("book_table");
    JsonNode arguments = Json.MAPPER.readTree(call.arguments());
    assertThat(arguments.get("city").isTextual()).isTrue();
    assertThat(arguments.get("people").asInt()).isBetween(1, 12);
    assertThat(arguments.get("time").asText()).contains("T");
  }

  @Test
  void listModels_namesTheConfiguredModels() {
    List<String> ids = client.models().list().data().stream().map(m -> m.id()).toList();

    assertThat(ids).containsExactly("sim-frontier", "sim-small");
  }
}
