package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A complete answer streamed out in each format and read back is the same answer. */
class StreamRoundTripTest {
  private static final long NOW = 1_750_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

  private static final ChatResponse ANSWER = new ChatResponse("msg_42", "model-x", NOW,
      List.of(new Choice(0, Message.assistant("Grüße aus Zürich 🇨🇭 — \"quoted\"\nnew line",
          List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Zürich\", \"days\": [1, 2]}"),
              new ToolCall("call_2", "noop", ""),
              new ToolCall("call_3", "get_time", "{\"tz\":\"Europe/Zurich\"}"))),
          FinishReason.TOOL_CALLS)),
      new Usage(1500, 120, 1000, 200, 30, UsageSource.UPSTREAM));

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 1000})
  void openAiFormat_writtenAndReadBack_isTheSameAnswer(int charsPerDelta) {
    String sse = Streams.write(StreamWriter.openAi(true), StreamReplay.of(ANSWER, charsPerDelta));
    ChatResponse back = Streams.assemble(Streams.read(StreamReader.openAi(), sse));

    // Cache writes travel in prompt_tokens_details.cache_write_tokens (the Anthropic format has
    // no field for reasoning); a call without arguments has "{}" in it, as OpenAI streams it.
    List<ToolCall> calls = ANSWER.first().message().toolCalls().stream()
        .map(c -> c.argumentsJson().isEmpty() ? new ToolCall(c.id(), c.name(), "{}") : c)
        .toList();
    ChatResponse expected = new ChatResponse("chatcmpl-42", ANSWER.model(),
        ANSWER.createdEpochSeconds(), List.of(new Choice(0,
            Message.assistant(ANSWER.first().message().text(), calls), FinishReason.TOOL_CALLS)),
        ANSWER.usage());
    assertThat(back).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 1000})
  void anthropicFormat_writtenAndReadBack_isTheSameAnswer(int charsPerDelta) {
    String sse = Streams.write(StreamWriter.anthropic(), StreamReplay.of(ANSWER, charsPerDelta));
    ChatResponse back = Streams.assemble(Streams.read(StreamReader.anthropic(CLOCK), sse));

    Usage withoutReasoning = new Usage(1500, 120, 1000, 200, 0, UsageSource.UPSTREAM);
    assertThat(back).isEqualTo(ANSWER.withUsage(withoutReasoning));
  }

  private static final ChatResponse REASONED = new ChatResponse("msg_7", "model-x", NOW,
      List.of(new Choice(0, Message.answer(List.of(
              new ContentPart.Thinking("Six sevens are 42.", "sig-1"),
              new ContentPart.RedactedThinking("enc-2"),
              new ContentPart.Thinking("Check: 7 × 6.", "sig-3")),
          "42", List.of(new ToolCall("call_1", "note", "{\"n\":42}"))),
          FinishReason.TOOL_CALLS)),
      new Usage(10, 90, 0, 0, 0, UsageSource.UPSTREAM));

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 1000})
  void reasoning_writtenInTheAnthropicFormatAndReadBack_keepsItsBlocksAndSignatures(
      int charsPerDelta) {
    String sse = Streams.write(StreamWriter.anthropic(), StreamReplay.of(REASONED, charsPerDelta));

    assertThat(Streams.assemble(Streams.read(StreamReader.anthropic(CLOCK), sse)))
        .isEqualTo(REASONED);
    ChatResponse fromJson = AnthropicCodec.decodeResponse(
        AnthropicCodec.encodeResponse(REASONED).toString().getBytes(StandardCharsets.UTF_8),
        CLOCK);
    assertThat(fromJson).isEqualTo(REASONED);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1000})
  void reasoning_writtenInTheOpenAiFormat_isLeftOut(int charsPerDelta) {
    String sse = Streams.write(StreamWriter.openAi(false), StreamReplay.of(REASONED, charsPerDelta));
    ChatResponse back = Streams.assemble(Streams.read(StreamReader.openAi(), sse));

    assertThat(back.first().message().reasoning()).isEmpty();
    assertThat(back.first().message().text()).isEqualTo("42");
    assertThat(sse).doesNotContain("sevens").doesNotContain("sig-1");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5})
  void severalChoices_streamInOpenAiFormat_andReassemble(int charsPerDelta) {
    ChatResponse answer = new ChatResponse("c", "m", NOW, List.of(
        new Choice(0, Message.assistant("first answer", List.of()), FinishReason.STOP),
        new Choice(1, Message.assistant("second, cut", List.of()), FinishReason.LENGTH)),
        Usage.upstream(10, 8));

    String sse = Streams.write(StreamWriter.openAi(true), StreamReplay.of(answer, charsPerDelta));

    assertThat(Streams.assemble(Streams.read(StreamReader.openAi(), sse)))
        .isEqualTo(withId(answer, "chatcmpl-c"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void streamWithoutUsage_readsBackWithoutUsage(int charsPerDelta) {
    ChatResponse answer = new ChatResponse("c", "m", NOW,
        List.of(new Choice(0, Message.assistant("plain", List.of()), FinishReason.STOP)),
        Usage.NONE);

    String openAi = Streams.write(StreamWriter.openAi(false), StreamReplay.of(answer, charsPerDelta));
    List<StreamEvent> events = Streams.read(StreamReader.openAi(), openAi);

    assertThat(events).noneMatch(StreamEvent.UsageReported.class::isInstance);
    assertThat(Streams.assemble(events)).isEqualTo(withId(answer, "chatcmpl-c"));
  }

  /** Written in a format, an answer carries that format's id prefix (see ResponseIds). */
  private static ChatResponse withId(ChatResponse response, String id) {
    return new ChatResponse(id, response.model(), response.createdEpochSeconds(),
        response.choices(), response.usage());
  }
}
