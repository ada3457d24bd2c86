package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream streams read into canonical events and written out in the other format. */
class StreamTranslationTest {
  private static final long NOW = 1_750_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String WEATHER_ARGS = "{\"location\": \"Zürich, CH\", \"unit\": \"celsius\"}";

  private static List<StreamEvent> anthropicFixture() {
    return Streams.read(StreamReader.anthropic(CLOCK), Fixtures.text("anthropic-stream.sse"));
  }

  private static List<StreamEvent> openAiFixture() {
    return Streams.read(StreamReader.openAi(), Fixtures.text("openai-stream.sse"));
  }

  @Test
  void anthropicStream_readsIntoAWellFormedCanonicalStream() {
    assertThat(anthropicFixture()).containsExactly(
        new StreamEvent.Started("msg_014p7gG3wDgGV9EUtLvnow3U", "claude-sonnet-4-5-20250929", NOW,
            new Usage(1496, 0, 1024, 0, 0, UsageSource.UPSTREAM)),
        new StreamEvent.TextDelta(0, "Okay, let's check "),
        new StreamEvent.TextDelta(0, "the weather for Zürich — ☀️ or 🌧?"),
        new StreamEvent.ToolCallStarted(0, 0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
        new StreamEvent.ToolCallArguments(0, 0, "{\"location\":"),
        new StreamEvent.ToolCallArguments(0, 0, " \"Zürich, CH\""),
        new StreamEvent.ToolCallArguments(0, 0, ", \"unit\": \"celsius\"}"),
        new StreamEvent.ToolCallStarted(0, 1, "toolu_01T1x1fJ34qAmk2tNTrN7Up7", "get_time"),
        new StreamEvent.ToolCallArguments(0, 1, "{\"tz\": \"Europe/Zurich\"}"),
        new StreamEvent.Finished(0, FinishReason.TOOL_CALLS),
        new StreamEvent.UsageReported(new Usage(1496, 89, 1024, 0, 0, UsageSource.UPSTREAM)),
        new StreamEvent.Completed());
  }

  @Test
  void anthropicStream_toOpenAiChunks_carriesToolCallsAsOpenAiStreamsThem() {
    String sse = Streams.write(StreamWriter.openAi(true), anthropicFixture());
    List<JsonNode> chunks = Streams.jsonData(sse);

    assertThat(sse).endsWith("\n\ndata: [DONE]\n\n");
    JsonNode first = chunks.getFirst().path("choices").get(0);
    assertThat(first.path("delta").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    List<JsonNode> toolDeltas = chunks.stream()
        .flatMap(c -> c.path("choices").valueStream())
        .filter(c -> c.path("delta").has("tool_calls"))
        .map(c -> c.path("delta").path("tool_calls").get(0))
        .toList();
    assertThat(toolDeltas.getFirst().toString()).isEqualTo("{\"index\":0,\"id\":"
        + "\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\",\"type\":\"function\",\"function\":{\"name\":"
        + "\"get_weather\",\"arguments\":\"\"}}");
    assertThat(toolDeltas.get(1).toString())
        .isEqualTo("{\"index\":0,\"function\":{\"arguments\":\"{\\\"location\\\":\"}}");
    String weatherArgs = toolDeltas.stream()
        .filter(t -> t.path("index").asInt() == 0)
        .map(t -> t.path("function").path("arguments").asText())
        .reduce("", String::concat);
    assertThat(weatherArgs).isEqualTo(WEATHER_ARGS);
    JsonNode finish = chunks.get(chunks.size() - 2).path("choices").get(0);
    assertThat(finish.path("finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode usage = chunks.getLast();
    assertThat(usage.path("choices").isEmpty()).isTrue();
    assertThat(usage.path("usage").toString()).isEqualTo("{\"prompt_tokens\":1496,"
        + "\"completion_tokens\":89,\"total_tokens\":1585,\"prompt_tokens_details\":"
        + "{\"cached_tokens\":1024},\"completion_tokens_details\":{\"reasoning_tokens\":0}}");
  }

  @Test
  void anthropicStream_toOpenAiChunks_isAccumulatedByTheOfficialSdk() throws Exception {
    String sse = Streams.write(StreamWriter.openAi(true), anthropicFixture());
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    for (SseEvent event : Fixtures.events(sse)) {
      if (!event.data().equals("[DONE]")) {
        accumulator.accumulate(com.openai.core.ObjectMappers.jsonMapper()
            .readValue(event.data(), ChatCompletionChunk.class));
      }
    }
    ChatCompletion completion = accumulator.chatCompletion();

    ChatCompletion.Choice choice = completion.choices().getFirst();
    assertThat(choice.message().content())
        .hasValue("Okay, let's check the weather for Zürich — ☀️ or 🌧?");
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    List<ChatCompletionMessageFunctionToolCall> calls = choice.message().toolCalls().orElseThrow()
        .stream().map(c -> c.asFunction()).toList();
    assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id)
        .containsExactly("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "toolu_01T1x1fJ34qAmk2tNTrN7Up7");
    assertThat(calls.getFirst().function().arguments()).isEqualTo(WEATHER_ARGS);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(89);
  }

  @Test
  void openAiStream_splitAtEveryBytePosition_readsToTheSameEvents() {
    byte[] body = Fixtures.bytes("openai-stream.sse");
    List<StreamEvent> whole = openAiFixture();
    for (int split = 0; split <= body.length; split++) {
      StreamReader reader = StreamReader.openAi();
      List<StreamEvent> events = new ArrayList<>();
      SseParser parser = new SseParser(e -> events.addAll(reader.read(e)));
      parser.feed(body, 0, split);
      parser.feed(body, split, body.length - split);
      parser.finish();
      events.addAll(reader.finish());
      assertThat(events).as("split at byte %d", split).isEqualTo(whole);
    }
  }

  @Test
  void openAiStream_readsToolCallsAndUsageFromTheFinalChunk() {
    ChatResponse response = Streams.assemble(openAiFixture());

    assertThat(response.id()).isEqualTo("chatcmpl-AxL1");
    assertThat(response.createdEpochSeconds()).isEqualTo(1741570283L);
    assertThat(response.choices()).containsExactly(new Choice(0, Message.assistant(
        "Checking Zürich ☀️", List.of(
            new ToolCall("call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather",
                "{\"location\": \"Zürich, CH\"}"),
            new ToolCall("call_2", "get_time", "{\"tz\": \"Europe/Zurich\"}"))),
        FinishReason.TOOL_CALLS));
    assertThat(response.usage()).isEqualTo(new Usage(1117, 46, 1024, 0, 0, UsageSource.UPSTREAM));
  }

  @Test
  void openAiStream_toAnthropicEvents_isAccumulatedByTheOfficialSdk() throws Exception {
    String sse = Streams.write(StreamWriter.anthropic(), openAiFixture());
    MessageAccumulator accumulator = MessageAccumulator.create();
    for (SseEvent event : Fixtures.events(sse)) {
      accumulator.accumulate(com.anthropic.core.ObjectMappers.jsonMapper()
          .readValue(event.data(), RawMessageStreamEvent.class));
    }
    com.anthropic.models.messages.Message message = accumulator.message();

    assertThat(message.id()).isEqualTo("msg_AxL1");
    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    assertThat(message.content()).hasSize(3);
    assertThat(message.content().get(0).asText().text()).isEqualTo("Checking Zürich ☀️");
    var weather = message.content().get(1).asToolUse();
    assertThat(weather.id()).isEqualTo("call_DdmO9pD3xa9XTPNJ32zg2hcA");
    assertThat(weather._input().toString()).contains("Zürich, CH");
    assertThat(message.content().get(2).asToolUse().name()).isEqualTo("get_time");
    assertThat(message.usage().outputTokens()).isEqualTo(46);
    assertThat(message.usage().inputTokens()).isEqualTo(1117 - 1024);
  }

  @Test
  void anthropicWriter_closesEachBlockBeforeTheNextOpens() {
    String sse = Streams.write(StreamWriter.anthropic(), openAiFixture());
    List<String> types = Fixtures.events(sse).stream().map(e -> e.event().orElseThrow()).toList();

    assertThat(types).containsExactly("message_start", "ping",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop");
    List<JsonNode> data = Streams.jsonData(sse);
    assertThat(data.get(6).toString()).isEqualTo("{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\","
        + "\"name\":\"get_weather\",\"input\":{}}}");
    assertThat(data.get(7).toString()).isEqualTo("{\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\"\"}}");
  }

  @ParameterizedTest
  @CsvSource({
      "stop, end_turn",
      "length, max_tokens",
      "tool_calls, tool_use",
      "content_filter, refusal"})
  void openAiFinishReason_becomesAnthropicStopReason(String finishReason, String stopReason) {
    String upstream = "data: {\"id\":\"c\",\"model\":\"m\",\"created\":1,\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"" + finishReason + "\"}]}\n\n"
        + "data: [DONE]\n\n";
    List<StreamEvent> events = Streams.read(StreamReader.openAi(), upstream);
    String sse = Streams.write(StreamWriter.anthropic(), events);
    JsonNode messageDelta = Streams.jsonData(sse).get(Streams.jsonData(sse).size() - 2);
    assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo(stopReason);
  }

  @ParameterizedTest
  @CsvSource({
      "end_turn, stop",
      "stop_sequence, stop",
      "max_tokens, length",
      "tool_use, tool_calls"})
  void anthropicStopReason_becomesOpenAiFinishReason(String stopReason, String finishReason) {
    String upstream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
        + "{\"id\":\"m\",\"model\":\"c\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
        + stopReason + "\"},\"usage\":{\"output_tokens\":7}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    List<StreamEvent> events = Streams.read(StreamReader.anthropic(CLOCK), upstream);
    List<JsonNode> chunks = Streams.jsonData(Streams.write(StreamWriter.openAi(false), events));
    assertThat(chunks.getLast().path("choices").get(0).path("finish_reason").asText())
        .isEqualTo(finishReason);
    assertThat(chunks.getLast().has("usage")).isFalse();
  }
}
