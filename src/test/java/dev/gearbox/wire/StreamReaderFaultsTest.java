package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.ToolCall;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How readers treat truncated, malformed and failing upstream streams, and odd servers. */
class StreamReaderFaultsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(7), ZoneOffset.UTC);

  private static String withoutLastEvent(String sse) {
    String trimmed = sse.strip();
    return trimmed.substring(0, trimmed.lastIndexOf("\n\n") + 2);
  }

  @Test
  void openAiStreamEndingBeforeItsFinishReason_failsAsStreamEndedEarly() {
    String cut = withoutLastEvent(withoutLastEvent(withoutLastEvent(
        Fixtures.text("openai-stream.sse"))));
    GatewayError error = Fixtures.failure(() -> Streams.read(StreamReader.openAi(), cut));
    assertThat(error).isInstanceOf(GatewayError.UpstreamUnreachable.class);
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.message()).contains("ended early");
  }

  @Test
  void openAiStreamEndingAfterItsFinishReasonWithoutDone_isComplete() {
    String withoutDone = withoutLastEvent(Fixtures.text("openai-stream.sse"));
    String withoutUsageEither = withoutLastEvent(withoutDone);

    List<StreamEvent> events = Streams.read(StreamReader.openAi(), withoutDone);
    List<StreamEvent> unmetered = Streams.read(StreamReader.openAi(), withoutUsageEither);

    assertThat(events).contains(new StreamEvent.Finished(0, FinishReason.TOOL_CALLS))
        .anyMatch(StreamEvent.UsageReported.class::isInstance)
        .last().isEqualTo(new StreamEvent.Completed());
    assertThat(unmetered).noneMatch(StreamEvent.UsageReported.class::isInstance)
        .last().isEqualTo(new StreamEvent.Completed());
  }

  @Test
  void anthropicStreamEndingBeforeMessageStop_failsAsStreamEndedEarly() {
    String cut = withoutLastEvent(Fixtures.text("anthropic-stream.sse"));
    GatewayError error = Fixtures.failure(() -> Streams.read(StreamReader.anthropic(CLOCK), cut));
    assertThat(error).isInstanceOf(GatewayError.UpstreamUnreachable.class);
    assertThat(error.message()).contains("ended early");
  }

  @Test
  void anthropicStreamCutMidEvent_failsAsStreamEndedEarly() {
    String body = Fixtures.text("anthropic-stream.sse");
    String cut = body.substring(0, body.indexOf("\"partial_json\":\"{"));
    GatewayError error = Fixtures.failure(() -> Streams.read(StreamReader.anthropic(CLOCK), cut));
    assertThat(error.httpStatus()).isEqualTo(502);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "overloaded_error   | Overloaded                                   | 503",
      "rate_limit_error   | Number of request tokens has exceeded your per-minute rate limit | 429",
      "api_error          | Internal server error                        | 502"})
  void anthropicErrorEvent_becomesTheMatchingError(String type, String message, int status) {
    String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
        + "\"m\",\"model\":\"c\",\"usage\":{\"input_tokens\":1}}}\n\n"
        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"" + type + "\","
        + "\"message\":\"" + message + "\"}}\n\n";
    GatewayError error = Fixtures.failure(() -> Streams.read(StreamReader.anthropic(CLOCK), sse));
    assertThat(error).isInstanceOf(GatewayError.UpstreamFailed.class);
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.message()).contains(message);
  }

  @Test
  void anthropicContextErrorEvent_becomesContextLengthExceeded() {
    String sse = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
        + "\"invalid_request_error\",\"message\":\"prompt is too long: 200100 tokens > 200000 "
        + "maximum\"}}\n\n";
    GatewayError error = Fixtures.failure(() -> Streams.read(StreamReader.anthropic(CLOCK), sse));
    assertThat(error).isInstanceOf(GatewayError.ContextLengthExceeded.class);
    assertThat(error.retryable()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"message\":\"Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, "
          + "Requested 42000.\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"} | 429",
      "{\"object\":\"error\",\"message\":\"The server is overloaded\",\"type\":\"ServiceUnavailable\","
          + "\"code\":503} | 503",
      "{\"code\":500,\"message\":\"failed to decode token\",\"type\":\"server_error\"} | 502"})
  void openAiErrorChunk_becomesTheMatchingError(String error, int status) {
    String sse = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"
        + "\n\ndata: {\"error\":" + error + "}\n\n";
    GatewayError failure = Fixtures.failure(() -> Streams.read(StreamReader.openAi(), sse));
    assertThat(failure).isInstanceOf(GatewayError.UpstreamFailed.class);
    assertThat(failure.httpStatus()).isEqualTo(status);
  }

  @Test
  void vllmContextErrorChunk_becomesContextLengthExceeded() {
    String sse = "data: {\"error\":{\"object\":\"error\",\"message\":\"This model's maximum "
        + "context length is 4096 tokens. However, you requested 5000 tokens (4000 in the "
        + "messages, 1000 in the completion).\",\"type\":\"BadRequestError\",\"param\":null,"
        + "\"code\":400}}\n\n";
    assertThat(Fixtures.failure(() -> Streams.read(StreamReader.openAi(), sse)))
        .isInstanceOf(GatewayError.ContextLengthExceeded.class);
  }

  @Test
  void malformedChunk_isAnUpstreamFault() {
    String sse = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\n\n";
    GatewayError error = Fixtures.failure(() -> Streams.read(StreamReader.openAi(), sse));
    assertThat(error).isInstanceOf(GatewayError.UpstreamFailed.class);
    assertThat(error.message()).startsWith("an upstream stream chunk is not valid JSON");
  }

  @Test
  void anthropicStreamNotOpeningWithMessageStart_isAnUpstreamFault() {
    String sse = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
        + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}\n\n";
    assertThat(Fixtures.failure(() -> Streams.read(StreamReader.anthropic(CLOCK), sse)).message())
        .contains("did not begin with message_start");
  }

  @Test
  void emptyOpenAiStream_isAnUpstreamFault() {
    assertThat(Fixtures.failure(() -> Streams.read(StreamReader.openAi(), "data: [DONE]\n\n"))
        .message()).contains("without sending any chunk");
  }

  @Test
  void openAiServerSendingTheNameAfterTheFirstArguments_isHeldBackUntilNamed() {
    String sse = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
        + "[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]}}]}\n\n"
        + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
        + "[{\"index\":0,\"id\":\"t1\",\"function\":{\"name\":\"f\",\"arguments\":\":1}\"}}]}}]}\n\n"
        + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
        + "\"tool_calls\"}]}\n\ndata: [DONE]\n\n";
    List<StreamEvent> events = Streams.read(StreamReader.openAi(), sse);
    assertThat(events).containsSubsequence(
        new StreamEvent.ToolCallStarted(0, 0, "t1", "f"),
        new StreamEvent.ToolCallArguments(0, 0, "{\"a\":1}"));
    assertThat(Streams.assemble(events).first().message().toolCalls())
        .containsExactly(new ToolCall("t1", "f", "{\"a\":1}"));
  }

  @Test
  void openAiServerOmittingToolIndexAndIds_isFollowedByOrder() {
    String sse = "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"name\":\"f\","
        + "\"arguments\":\"{\"}}]}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"}\"}}]}}]}"
        + "\n\ndata: [DONE]\n\n";
    List<StreamEvent> events = Streams.read(StreamReader.openAi(), sse);
    List<ToolCall> calls = Streams.assemble(events).first().message().toolCalls();
    assertThat(calls).hasSize(1);
    assertThat(calls.getFirst().name()).isEqualTo("f");
    assertThat(calls.getFirst().argumentsJson()).isEqualTo("{}");
    assertThat(calls.getFirst().id()).matches("call_[a-zA-Z0-9]{24}");
    assertThat(events).contains(new StreamEvent.Finished(0, FinishReason.TOOL_CALLS));
  }

  @Test
  void toolCallThatNeverGetsAName_isAnUpstreamFault() {
    String sse = "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
        + "{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n";
    assertThat(Fixtures.failure(() -> Streams.read(StreamReader.openAi(), sse)).message())
        .contains("tool call without a name");
  }

  @Test
  void eventsAfterTheTerminator_areIgnored() {
    StreamReader reader = StreamReader.openAi();
    reader.read(SseEvent.data("{\"id\":\"c\",\"choices\":[]}"));
    reader.read(SseEvent.data("[DONE]"));
    assertThat(reader.read(SseEvent.data("{\"id\":\"late\"}"))).isEmpty();
    assertThat(reader.finish()).isEmpty();
  }

  @Test
  void anthropicThinkingBlocks_areKeptApartFromTheText() {
    String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
        + "\"m\",\"model\":\"c\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"let me think\"}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"42\"}}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
        + "\"end_turn\"},\"usage\":{\"input_tokens\":5,\"output_tokens\":9}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    var response = Streams.assemble(Streams.read(StreamReader.anthropic(CLOCK), sse));
    assertThat(response.first().message().text()).isEqualTo("42");
    assertThat(response.first().message().reasoning())
        .containsExactly(new dev.gearbox.model.ContentPart.Thinking("let me think", ""));
    assertThat(response.usage().inputTokens()).as("message_delta restates input").isEqualTo(5);
    assertThat(response.usage().outputTokens()).isEqualTo(9);
  }
}
