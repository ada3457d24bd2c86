package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.gearbox.cost.TokenCounter;
import java.util.List;
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
    client = OpenAIOkHttpClient.builder()
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

    ChatCompletion completion = client.chat().completions().create(ask("sim-frontier", item.prompt()));

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

    ChatCompletion completion = client.chat().completions().create(ask("sim-frontier", item.prompt()));

    String text = completion.choices().getFirst().message().content().orElseThrow();
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(TOKENS.count(text));
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(TOKENS.count(item.prompt()) + 6);
  }

  @Test
  void outcomeHeader_saysWhetherTheRecordedAnswerWasCorrect() {
    RecordedItem item = RecordedSets.bundled().items(RecordedSet.GSM8K).stream()
        .filter(i -> i.answer("gpt-4-1106-preview", 0).orElseThrow().outcome()
            .orElseThrow() instanceof Outcome.Wrong)
        .findFirst().orElseThrow();

    HttpResponseFor<ChatCompletion> wrong =
        client.chat().completions().withRawResponse().create(ask("sim-frontier", item.prompt()));
    HttpResponseFor<ChatCompletion> right =
        client.chat().completions().withRawResponse().create(ask("sim-frontier", gsm8k(0).prompt()));

    assertThat(wrong.headers().values("x-sim-outcome")).containsExactly("wrong");
    assertThat(wrong.headers().values("x-sim-source")).containsExactly("recorded:" + item.key());
    assertThat(right.headers().values("x-sim-outcome")).containsExactly("correct");
  }

  @Test
  void streaming_reassemblesTheRecordedTextAndReportsUsage() {
    RecordedItem item = gsm8k(1);
    ChatCompletionCreateParams params = ask("sim-frontier", item.prompt()).toBuilder()
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
  void whitespaceReflowedPrompt_stillMatchesTheRecording() {
    RecordedItem item = gsm8k(2);
    String reflowed = "  " + item.prompt().replace(" ", "\n  ") + "\n";

    ChatCompletion completion = client.chat().completions().create(ask("sim-frontier", reflowed));

    assertThat(completion.choices().getFirst().message().content())
        .contains(recordedText(item, "gpt-4-1106-preview"));
  }

  @Test
  void listModels_namesTheConfiguredModels() {
    List<String> ids = client.models().list().data().stream().map(m -> m.id()).toList();

    assertThat(ids).containsExactly("sim-frontier", "sim-small");
  }
}
