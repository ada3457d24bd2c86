package dev.gearbox.wire;

import static dev.gearbox.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.chat.completions.ChatCompletion;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Message;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseCodecTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_750_000_000), ZoneOffset.UTC);

  private static byte[] bytes(ObjectNode json) {
    return utf8(json.toString());
  }

  @Test
  void openAiResponse_decodesChoicesToolCallsAndUsageDetails() {
    ChatResponse response = OpenAiCodec.decodeResponse(Fixtures.bytes("openai-response.json"));

    assertThat(response.id()).isEqualTo("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
    assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(response.createdEpochSeconds()).isEqualTo(1741570283L);
    assertThat(response.first()).isEqualTo(new Choice(0, Message.assistant(
        "Let me check the weather in Paris.",
        List.of(new ToolCall("call_abc123", "get_weather", "{\"location\":\"Paris, France\"}"))),
        FinishReason.TOOL_CALLS));
    assertThat(response.usage()).isEqualTo(new Usage(1117, 46, 1024, 0, 12, UsageSource.UPSTREAM));
  }

  @Test
  void openAiResponse_encodesAndDecodesBackToTheSameAnswer() {
    ChatResponse response = OpenAiCodec.decodeResponse(Fixtures.bytes("openai-response.json"));
    ObjectNode encoded = OpenAiCodec.encodeResponse(response);

    assertThat(OpenAiCodec.decodeResponse(bytes(encoded))).isEqualTo(response);
    assertThat(encoded.toString()).isEqualTo("{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\","
        + "\"object\":\"chat.completion\",\"created\":1741570283,\"model\":\"gpt-4o-2024-08-06\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
        + "\"Let me check the weather in Paris.\",\"refusal\":null,\"tool_calls\":[{\"id\":"
        + "\"call_abc123\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"arguments\":\"{\\\"location\\\":\\\"Paris, France\\\"}\"}}]},\"logprobs\":null,"
        + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":1117,"
        + "\"completion_tokens\":46,\"total_tokens\":1163,\"prompt_tokens_details\":"
        + "{\"cached_tokens\":1024},\"completion_tokens_details\":{\"reasoning_tokens\":12}}}");
  }

  @Test
  void openAiEncodedResponse_isReadByTheOfficialSdk() throws Exception {
    ChatResponse response = OpenAiCodec.decodeResponse(Fixtures.bytes("openai-response.json"));
    ChatCompletion completion = com.openai.core.ObjectMappers.jsonMapper().readValue(
        OpenAiCodec.encodeResponse(response).toString(), ChatCompletion.class);

    completion.validate();
    var choice = completion.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(choice.message().toolCalls().orElseThrow().getFirst().asFunction().function()
        .arguments()).isEqualTo("{\"location\":\"Paris, France\"}");
    assertThat(completion.usage().orElseThrow().promptTokensDetails().orElseThrow()
        .cachedTokens()).hasValue(1024L);
  }

  @Test
  void openAiResponseWithoutUsage_hasNoUsage_andToolCallsWithoutReasonFinishAsToolCalls() {
    ChatResponse response = OpenAiCodec.decodeResponse(utf8("{\"id\":\"x\",\"choices\":[{"
        + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\","
        + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}}]}"));
    assertThat(response.usage()).isEqualTo(Usage.NONE);
    assertThat(response.first().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.first().message().toolCalls().getFirst().argumentsJson())
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void openAiResponse_cachedTokensAboveThePrompt_areClamped() {
    ChatResponse response = OpenAiCodec.decodeResponse(utf8("{\"choices\":[{\"message\":"
        + "{\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,"
        + "\"completion_tokens\":1,\"prompt_tokens_details\":{\"cached_tokens\":9}}}"));
    assertThat(response.usage().cachedInputTokens()).isEqualTo(5);
  }

  @Test
  void vllmStopReason_naming_theMatchedStop_becomesTheAnthropicStopSequence() {
    ChatResponse matched = OpenAiCodec.decodeResponse(utf8("{\"choices\":[{\"message\":"
        + "{\"content\":\"hi\"},\"finish_reason\":\"stop\",\"stop_reason\":\"</answer>\"}]}"));
    ChatResponse stopToken = OpenAiCodec.decodeResponse(utf8("{\"choices\":[{\"message\":"
        + "{\"content\":\"hi\"},\"finish_reason\":\"stop\",\"stop_reason\":128009}]}"));

    JsonNode encoded = AnthropicCodec.encodeResponse(matched);
    assertThat(encoded.path("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(encoded.path("stop_sequence").asText()).isEqualTo("</answer>");
    assertThat(AnthropicCodec.encodeResponse(stopToken).path("stop_reason").asText())
        .isEqualTo("end_turn");
    assertThat(OpenAiCodec.encodeResponse(matched).path("choices").get(0)
        .path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void malformedUpstreamAnswer_isA502_thatEchoesNothingOfTheBody() {
    GatewayError error = Fixtures.failure(() -> OpenAiCodec.decodeResponse(
        utf8("<html>proxy error sk-live-SECRET123</html>")));
    assertThat(error).isInstanceOf(GatewayError.UpstreamFailed.class);
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.message()).isEqualTo("the upstream answer is not valid JSON at line 1, "
        + "column 1").doesNotContain("SECRET");
  }

  @Test
  void upstreamAnswerOfWrongShape_isA502_namingTheField() {
    GatewayError error = Fixtures.failure(() -> OpenAiCodec.decodeResponse(
        utf8("{\"choices\":[{\"message\":\"hello\"}]}")));
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.message()).isEqualTo("the upstream answer has an unexpected shape: "
        + "'choices[0].message' must be an object, got a string");
    assertThat(Fixtures.failure(() -> OpenAiCodec.decodeResponse(utf8("{\"choices\":[]}")))
        .message()).contains("no choices");
  }

  @Test
  void upstreamErrorObject_inA200Body_becomesTheMatchingError() {
    GatewayError context = Fixtures.failure(() -> OpenAiCodec.decodeResponse(utf8("{\"error\":"
        + "{\"message\":\"This model's maximum context length is 8192 tokens. However, your "
        + "messages resulted in 9000 tokens.\",\"type\":\"invalid_request_error\",\"param\":"
        + "\"messages\",\"code\":\"context_length_exceeded\"}}")));
    assertThat(context).isInstanceOf(GatewayError.ContextLengthExceeded.class);
    GatewayError overloaded = Fixtures.failure(() -> OpenAiCodec.decodeResponse(utf8(
        "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_overloaded\"}}")));
    assertThat(overloaded.httpStatus()).isEqualTo(503);
  }

  @Test
  void anthropicResponse_decodesWithCanonicalUsage() {
    ChatResponse response = AnthropicCodec.decodeResponse(
        Fixtures.bytes("anthropic-response.json"), CLOCK);

    assertThat(response.id()).isEqualTo("msg_01Aq9w938a90dw8q");
    assertThat(response.createdEpochSeconds()).isEqualTo(1_750_000_000L);
    assertThat(response.first()).isEqualTo(new Choice(0, Message.assistant(
        "I'll check the current weather in Paris for you.",
        List.of(new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
            "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"))),
        FinishReason.TOOL_CALLS));
    assertThat(response.usage())
        .isEqualTo(new Usage(472 + 100 + 2048, 89, 2048, 100, 0, UsageSource.UPSTREAM));
    assertThat(response.usage().uncachedInputTokens()).isEqualTo(472);
  }

  @Test
  void anthropicResponse_encodesAndDecodesBackToTheSameAnswer() {
    ChatResponse response = AnthropicCodec.decodeResponse(
        Fixtures.bytes("anthropic-response.json"), CLOCK);
    ObjectNode encoded = AnthropicCodec.encodeResponse(response);

    assertThat(AnthropicCodec.decodeResponse(bytes(encoded), CLOCK)).isEqualTo(response);
    assertThat(encoded.path("usage").toString()).isEqualTo("{\"input_tokens\":472,"
        + "\"output_tokens\":89,\"cache_read_input_tokens\":2048,"
        + "\"cache_creation_input_tokens\":100}");
    assertThat(encoded.path("stop_sequence").isNull()).isTrue();
    assertThat(encoded.path("type").asText()).isEqualTo("message");
  }

  @Test
  void anthropicEncodedResponse_isReadByTheOfficialSdk() throws Exception {
    ChatResponse response = OpenAiCodec.decodeResponse(Fixtures.bytes("openai-response.json"));
    com.anthropic.models.messages.Message message = com.anthropic.core.ObjectMappers.jsonMapper()
        .readValue(AnthropicCodec.encodeResponse(response).toString(),
            com.anthropic.models.messages.Message.class);

    message.validate();
    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    assertThat(message.content().get(1).asToolUse().name()).isEqualTo("get_weather");
    assertThat(message.usage().inputTokens()).isEqualTo(1117 - 1024);
    assertThat(message.usage().cacheReadInputTokens()).hasValue(1024L);
  }

  @ParameterizedTest
  @CsvSource({
      "end_turn, STOP, stop",
      "stop_sequence, STOP, stop",
      "max_tokens, LENGTH, length",
      "tool_use, TOOL_CALLS, tool_calls",
      "refusal, CONTENT_FILTER, content_filter"})
  void anthropicStopReason_mapsToOpenAiFinishReason(
      String stopReason, FinishReason canonical, String openAi) {
    ChatResponse response = AnthropicCodec.decodeResponse(utf8("{\"id\":\"m\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"c\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
        + "\"stop_reason\":\"" + stopReason + "\",\"usage\":{\"input_tokens\":1,"
        + "\"output_tokens\":1}}"), CLOCK);
    assertThat(response.first().finishReason()).isEqualTo(canonical);
    assertThat(OpenAiCodec.encodeResponse(response).path("choices").get(0).path("finish_reason")
        .asText()).isEqualTo(openAi);
  }

  @Test
  void anthropicErrorBody_becomesTheMatchingError() {
    GatewayError error = Fixtures.failure(() -> AnthropicCodec.decodeResponse(utf8("{\"type\":"
        + "\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too "
        + "long: 209353 tokens > 199999 maximum\"}}"), CLOCK));
    assertThat(error).isInstanceOf(GatewayError.ContextLengthExceeded.class);
    assertThat(error.message()).contains("209353 tokens > 199999 maximum");
  }

  @Test
  void anthropicThinkingBlocks_areKeptApartFromTheText() {
    ChatResponse response = AnthropicCodec.decodeResponse(utf8("{\"id\":\"m\",\"model\":\"c\","
        + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"s\"},"
        + "{\"type\":\"text\",\"text\":\"42\"}],\"stop_reason\":\"end_turn\"}"), CLOCK);
    assertThat(response.first().message().text()).isEqualTo("42");
    assertThat(response.first().message().reasoning())
        .containsExactly(new dev.gearbox.model.ContentPart.Thinking("hmm", "s"));
    assertThat(response.usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void anthropicEncode_ofToolArgumentsThatAreNotJson_isAnUpstreamFault() {
    ChatResponse response = new ChatResponse("id", "m", 0, List.of(new Choice(0,
        Message.assistant("", List.of(new ToolCall("c", "f", "{broken"))), FinishReason.TOOL_CALLS)),
        Usage.NONE);
    GatewayError error = Fixtures.failure(() -> AnthropicCodec.encodeResponse(response));
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.message()).contains("tool 'f'").contains("not a JSON object");
  }
}
