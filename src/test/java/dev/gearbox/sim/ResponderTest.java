package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.ToolChoice;
import dev.gearbox.wire.Json;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ResponderTest {
  private static final TokenCounter TOKENS = TokenCounter.cl100k();
  private static final SimModel FRONTIER = SimModel.of("sim-frontier", "gpt-4-1106-preview");
  private final Responder responder =
      new Responder(ReplayData.bundled().index(), ReplayData.bundled().generator(), TOKENS);

  private static ChatRequest ask(String prompt) {
    return ChatRequest.of("sim-frontier", List.of(Message.text(Role.USER, prompt)));
  }

  private SimAnswer answer(ChatRequest request) {
    return responder.answer(request, FRONTIER, "chatcmpl-test", 1_700_000_000L);
  }

  private static String text(SimAnswer answer) {
    return answer.response().first().message().text();
  }

  @Test
  void unrecordedPrompt_getsTheSameGeneratedAnswerEveryTime() {
    SimAnswer first = answer(ask("Write a haiku about container ships."));
    SimAnswer again = answer(ask("Write a haiku about container ships."));
    SimAnswer other = answer(ask("Write a haiku about lighthouses."));

    assertThat(text(first)).isNotBlank().isEqualTo(text(again)).isNotEqualTo(text(other));
    assertThat(first.source()).isEqualTo("generated");
    assertThat(first.outcomeHeader()).isEqualTo("unknown");
  }

  @Test
  void maxTokens_cutsTheAnswerAtThatManyTokensWithFinishReasonLength() {
    ChatRequest request = ask("Explain the history of the printing press.");
    request = request.withSampling(request.sampling().withMaxTokens(12));

    SimAnswer answer = answer(request);

    assertThat(TOKENS.count(text(answer))).isLessThanOrEqualTo(12).isGreaterThan(8);
    assertThat(answer.response().first().finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(answer.response().usage().outputTokens()).isEqualTo(TOKENS.count(text(answer)));
    assertThat(text(answer(ask("Explain the history of the printing press."))))
        .startsWith(text(answer));
  }

  @Test
  void stopSequence_endsTheRecordedAnswerBeforeIt() {
    RecordedItem item = RecordedSets.bundled().items(RecordedSet.GSM8K).getFirst();
    String full = item.answer("gpt-4-1106-preview", 0).orElseThrow().text().orElseThrow();
    ChatRequest request = ask(item.prompt());
    request =
        request.withSampling(
            new Sampling(
                OptionalInt.empty(),
                request.sampling().temperature(),
                request.sampling().topP(),
                request.sampling().seed(),
                1,
                List.of("9 eggs"),
                Optional.empty()));

    SimAnswer answer = answer(request);

    assertThat(text(answer)).isEqualTo(full.substring(0, full.indexOf("9 eggs")));
    assertThat(answer.response().first().finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void severalChoices_firstRecordedOthersGenerated() {
    RecordedItem item = RecordedSets.bundled().items(RecordedSet.GSM8K).get(4);
    ChatRequest request = ask(item.prompt());
    request = request.withSampling(request.sampling().withN(3));

    ChatResponse response = answer(request).response();

    assertThat(response.choices()).extracting(Choice::index).containsExactly(0, 1, 2);
    assertThat(response.first().message().text())
        .isEqualTo(item.answer("gpt-4-1106-preview", 0).orElseThrow().text().orElseThrow());
    assertThat(response.choices().get(1).message().text())
        .isNotEqualTo(response.choices().get(2).message().text());
  }

  @Test
  void tools_answerWithACallWhoseArgumentsFitTheSchema() throws Exception {
    JsonNode schema =
        Json.MAPPER.readTree(
            """
            {"type":"object","properties":{"city":{"type":"string"},
             "unit":{"type":"string","enum":["c","f"]}},"required":["city","unit"]}\
            """);
    ChatRequest request =
        withTools(
            ask("What is the weather in Lisbon?"),
            List.of(new Tool("get_weather", Optional.of("Current weather"), schema)),
            Optional.empty());

    SimAnswer answer = answer(request);

    Choice choice = answer.response().first();
    assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    ToolCall call = choice.message().toolCalls().getFirst();
    assertThat(call.name()).isEqualTo("get_weather");
    JsonNode arguments = Json.MAPPER.readTree(call.argumentsJson());
    assertThat(arguments.get("city").asText()).isNotBlank();
    assertThat(arguments.get("unit").asText()).isIn("c", "f");
    assertThat(call.argumentsJson())
        .isEqualTo(
            answer(request).response().first().message().toolCalls().getFirst().argumentsJson());
  }

  @Test
  void toolChoiceNoneOrAToolResult_answerInText() throws Exception {
    Tool tool = new Tool("lookup", Optional.empty(), Json.MAPPER.readTree("{\"type\":\"object\"}"));
    ChatRequest none =
        withTools(ask("Look it up."), List.of(tool), Optional.of(new ToolChoice.None()));
    ChatRequest afterResult =
        withTools(
            ChatRequest.of(
                "sim-frontier",
                List.of(
                    Message.text(Role.USER, "Look it up."),
                    Message.assistant("", List.of(new ToolCall("call_1", "lookup", "{}"))),
                    Message.toolResult("call_1", "42"))),
            List.of(tool),
            Optional.empty());

    assertThat(answer(none).response().first().message().toolCalls()).isEmpty();
    assertThat(answer(afterResult).response().first().finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void namedToolThatIsNotOffered_isAnInvalidRequest() throws Exception {
    Tool tool = new Tool("lookup", Optional.empty(), Json.MAPPER.readTree("{\"type\":\"object\"}"));
    ChatRequest request =
        withTools(ask("x"), List.of(tool), Optional.of(new ToolChoice.Named("other")));

    assertThatThrownBy(() -> answer(request))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("'other'");
  }

  @Test
  void jsonSchemaFormat_answersJsonThatFitsTheSchema() throws Exception {
    JsonNode schema =
        Json.MAPPER.readTree(
            """
            {"type":"object","properties":{"answer":{"type":"integer","minimum":0},
             "reasoning":{"type":"string"}},"required":["answer","reasoning"],
             "additionalProperties":false}\
            """);
    ChatRequest request =
        withFormat(
            ask("How many legs has a spider?"),
            new ResponseFormat.JsonSchema("count", schema, true));

    JsonNode value = Json.MAPPER.readTree(text(answer(request)));

    assertThat(value.get("answer").isIntegralNumber()).isTrue();
    assertThat(value.get("reasoning").asText()).isNotBlank();
    assertThat(value.size()).isEqualTo(2);
  }

  @Test
  void jsonObjectFormat_answersAJsonObject() throws Exception {
    JsonNode value =
        Json.MAPPER.readTree(
            text(answer(withFormat(ask("Say hi."), new ResponseFormat.JsonObject()))));

    assertThat(value.isObject()).isTrue();
  }

  @Test
  void outcomeOnlyItem_answersPlaceholderOfTheRecordedLength() {
    RecordedItem item = RecordedSets.bundled().items(RecordedSet.ARENA).getFirst();

    SimAnswer answer = answer(ask(item.prompt()));

    assertThat(text(answer))
        .hasSize(item.answer("gpt-4-1106-preview", 0).orElseThrow().lengthChars());
    assertThat(answer.outcomeHeader()).isEqualTo("score=10");
    assertThat(answer.source()).isEqualTo("recorded:arena:" + item.id());
  }

  @Test
  void anyRecordedModel_canBeServed_llamaOnMmluProReportsItsOwnOutcome() {
    SimModel llama = SimModel.of("sim-llama-3.1-8b", "Llama-3.1-8B-Instruct");
    RecordedItem item = RecordedSets.bundled().items(RecordedSet.MMLU_PRO).get(42);
    RecordedAnswer recorded = item.answer("Llama-3.1-8B-Instruct", 0).orElseThrow();

    SimAnswer answer = responder.answer(ask(item.prompt()), llama, "chatcmpl-test", 0);

    assertThat(text(answer)).hasSize(recorded.lengthChars());
    assertThat(answer.outcomeHeader()).isEqualTo(recorded.outcome().orElseThrow().headerValue());
    assertThat(answer.source()).isEqualTo("recorded:mmlu-pro:" + item.id());
    assertThat(text(responder.answer(ask(item.prompt()), llama, "chatcmpl-again", 0)))
        .isEqualTo(text(answer));
  }

  private static ChatRequest withTools(
      ChatRequest r, List<Tool> tools, Optional<ToolChoice> choice) {
    return new ChatRequest(
        r.model(),
        r.messages(),
        tools,
        choice,
        r.responseFormat(),
        r.sampling(),
        r.stream(),
        r.includeUsage());
  }

  private static ChatRequest withFormat(ChatRequest r, ResponseFormat format) {
    return new ChatRequest(
        r.model(),
        r.messages(),
        r.tools(),
        r.toolChoice(),
        Optional.of(format),
        r.sampling(),
        r.stream(),
        r.includeUsage());
  }
}
