package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import org.junit.jupiter.api.Test;

class StreamWriterTest {
  private static final StreamEvent.Started STARTED = new StreamEvent.Started("id-1", "m", 9,
      new Usage(120, 0, 100, 0, 0, UsageSource.UPSTREAM));

  @Test
  void openAiFrames_areCompleteChunksWithTheRoleFirst() {
    StreamWriter writer = StreamWriter.openAi(false);

    assertThat(writer.write(STARTED)).isEqualTo("data: {\"id\":\"chatcmpl-id-1\",\"object\":"
        + "\"chat.completion.chunk\",\"created\":9,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
        + "\"finish_reason\":null}]}\n\n");
    assertThat(writer.write(new StreamEvent.TextDelta(0, ""))).isEmpty();
    assertThat(writer.write(new StreamEvent.TextDelta(0, "Hi"))).isEqualTo("data: {\"id\":"
        + "\"chatcmpl-id-1\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"logprobs\":null,"
        + "\"finish_reason\":null}]}\n\n");
    assertThat(writer.write(new StreamEvent.UsageReported(Usage.upstream(1, 2)))).isEmpty();
    assertThat(writer.write(new StreamEvent.Completed())).isEqualTo("data: [DONE]\n\n");
  }

  @Test
  void openAiSecondChoice_getsItsOwnRoleChunkFirst() {
    StreamWriter writer = StreamWriter.openAi(true);
    writer.write(STARTED);
    String frames = writer.write(new StreamEvent.TextDelta(1, "b"));
    assertThat(Fixtures.events(frames)).hasSize(2);
    assertThat(frames).contains("\"index\":1,\"delta\":{\"role\":\"assistant\"");
    assertThat(frames).contains("\"usage\":null");
  }

  @Test
  void anthropicMessageStart_carriesThePromptUsage_andAPingFollows() {
    String frames = StreamWriter.anthropic().write(STARTED);
    assertThat(frames).isEqualTo("event: message_start\ndata: {\"type\":\"message_start\","
        + "\"message\":{\"id\":\"msg_id-1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
        + "\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
        + "{\"input_tokens\":20,\"output_tokens\":0,\"cache_read_input_tokens\":100,"
        + "\"cache_creation_input_tokens\":0}}}\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\n");
  }

  @Test
  void anthropicWriter_leavesOutOtherChoices() {
    StreamWriter writer = StreamWriter.anthropic();
    writer.write(STARTED);
    assertThat(writer.write(new StreamEvent.TextDelta(1, "other"))).isEmpty();
    assertThat(writer.write(new StreamEvent.Finished(1, FinishReason.LENGTH))).isEmpty();
    writer.write(new StreamEvent.Finished(0, FinishReason.STOP));
    assertThat(writer.write(new StreamEvent.Completed())).contains("\"stop_reason\":\"end_turn\"");
  }

  @Test
  void anthropicWriter_refusesInterleavedToolArguments() {
    StreamWriter writer = StreamWriter.anthropic();
    writer.write(STARTED);
    writer.write(new StreamEvent.ToolCallStarted(0, 0, "a", "f"));
    writer.write(new StreamEvent.ToolCallStarted(0, 1, "b", "g"));
    GatewayError error = Fixtures.failure(
        () -> writer.write(new StreamEvent.ToolCallArguments(0, 0, "{}")));
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.message()).contains("interleaved");
  }

  @Test
  void anthropicMessageDelta_carriesTheFinalUsage() {
    StreamWriter writer = StreamWriter.anthropic();
    writer.write(STARTED);
    writer.write(new StreamEvent.TextDelta(0, "x"));
    writer.write(new StreamEvent.Finished(0, FinishReason.LENGTH));
    writer.write(new StreamEvent.UsageReported(new Usage(130, 55, 100, 0, 0, UsageSource.UPSTREAM)));
    String frames = writer.write(new StreamEvent.Completed());
    assertThat(frames).isEqualTo("event: message_delta\ndata: {\"type\":\"message_delta\","
        + "\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":"
        + "{\"input_tokens\":30,\"output_tokens\":55,\"cache_read_input_tokens\":100,"
        + "\"cache_creation_input_tokens\":0}}\n\nevent: message_stop\ndata: "
        + "{\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void errorFrames_useEachFormatsErrorShape() {
    GatewayError error = new GatewayError.UpstreamFailed("upstream is overloaded", 503, 0);
    assertThat(StreamWriter.openAi(true).writeError(error)).isEqualTo("data: {\"error\":"
        + "{\"message\":\"upstream is overloaded\",\"type\":\"api_error\",\"param\":null,"
        + "\"code\":null}}\n\n");
    assertThat(StreamWriter.anthropic().writeError(error)).isEqualTo("event: error\ndata: "
        + "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
        + "\"upstream is overloaded\"}}\n\n");
  }

  @Test
  void writingBeforeStarted_isAContractViolation() {
    assertThatThrownBy(() -> StreamWriter.openAi(true).write(new StreamEvent.TextDelta(0, "x")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> StreamWriter.anthropic().write(new StreamEvent.Completed()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void errorFrame_isReadBackAsAnError() {
    GatewayError error = new GatewayError.UpstreamFailed("slow down", 429, 0);
    String sse = StreamWriter.anthropic().writeError(error);
    GatewayError back = Fixtures.failure(() -> Streams.read(StreamReader.anthropic(), sse));
    assertThat(back.httpStatus()).isEqualTo(429);
  }
}
