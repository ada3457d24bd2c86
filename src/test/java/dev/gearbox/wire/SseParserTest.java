package dev.gearbox.wire;

import static dev.gearbox.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.GatewayError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private static List<SseEvent> parseInTwo(byte[] body, int split) {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    parser.feed(body, 0, split);
    parser.feed(body, split, body.length - split);
    parser.finish();
    return events;
  }

  @Test
  void realAnthropicStream_splitAtEveryBytePosition_yieldsTheSameEvents() {
    byte[] body = Fixtures.bytes("anthropic-stream.sse");
    List<SseEvent> whole = Fixtures.events(Fixtures.text("anthropic-stream.sse"));

    assertThat(whole).hasSize(17);
    assertThat(whole.getFirst().event()).hasValue("message_start");
    for (int split = 0; split <= body.length; split++) {
      assertThat(parseInTwo(body, split)).as("split at byte %d", split).isEqualTo(whole);
    }
  }

  @Test
  void realOpenAiStream_fedOneByteAtATime_yieldsTheSameEvents() {
    byte[] body = Fixtures.bytes("openai-stream.sse");
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    for (int i = 0; i < body.length; i++) {
      parser.feed(body, i, 1);
    }
    parser.finish();

    assertThat(events).isEqualTo(Fixtures.events(Fixtures.text("openai-stream.sse")));
    assertThat(events.getLast()).isEqualTo(SseEvent.data("[DONE]"));
  }

  @Test
  void splitMidUtf8Character_reassemblesExactly() {
    byte[] body = utf8("data: Zürich ☀️ 🌧\n\n");
    for (int split = 0; split <= body.length; split++) {
      assertThat(parseInTwo(body, split)).containsExactly(SseEvent.data("Zürich ☀️ 🌧"));
    }
  }

  @Test
  void lineEnds_crlfCrAndLf_areAllAccepted() {
    String body = "event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n";
    assertThat(Fixtures.events(body)).containsExactly(
        SseEvent.named("a", "1"), SseEvent.named("b", "2"), SseEvent.data("3"));
  }

  @Test
  void crlfSplitBetweenFeeds_isOneLineEnd() {
    byte[] body = utf8("data: x\r\n\r\ndata: y\r\n\r\n");
    int afterFirstCr = "data: x\r".length();
    assertThat(parseInTwo(body, afterFirstCr))
        .containsExactly(SseEvent.data("x"), SseEvent.data("y"));
  }

  @Test
  void multipleDataLines_joinWithNewline() {
    assertThat(Fixtures.events("data: {\ndata:  \"a\": 1\ndata: }\n\n"))
        .containsExactly(SseEvent.data("{\n \"a\": 1\n}"));
  }

  @Test
  void comments_areIgnored_andDataWithoutSpaceIsRead() {
    String body = ": keep-alive\n\n:another\ndata:{\"x\":1}\nid: 7\nretry: 100\n\n";
    assertThat(Fixtures.events(body)).containsExactly(SseEvent.data("{\"x\":1}"));
  }

  @Test
  void eventEndingAtEofWithoutBlankLine_isDeliveredByFinish() {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    parser.feed(utf8("data: first\n\ndata: last"));
    assertThat(events).containsExactly(SseEvent.data("first"));

    parser.finish();
    assertThat(events).containsExactly(SseEvent.data("first"), SseEvent.data("last"));
  }

  @Test
  void eventTypeWithoutData_isNotDispatched_andDoesNotLeakIntoTheNext() {
    assertThat(Fixtures.events("event: ping\n\ndata: x\n\n")).containsExactly(SseEvent.data("x"));
  }

  @Test
  void byteOrderMarkAtStart_isSkipped() {
    assertThat(Fixtures.events("\uFEFFdata: x\n\n")).containsExactly(SseEvent.data("x"));
  }

  @Test
  void emptyDataLine_yieldsEmptyData() {
    assertThat(Fixtures.events("data\n\n")).containsExactly(new SseEvent(Optional.empty(), ""));
  }

  @Test
  void overlongLine_failsAsUpstreamFault() {
    SseParser parser = new SseParser(e -> { }, 16);
    GatewayError error = Fixtures.failure(() -> parser.feed(utf8("data: 0123456789abcdef\n")));
    assertThat(error).isInstanceOf(GatewayError.UpstreamFailed.class);
    assertThat(error.httpStatus()).isEqualTo(502);
  }

  @Test
  void frame_roundTripsThroughTheParser() {
    SseEvent event = SseEvent.named("content_block_delta", "line one\nline two");
    SseEvent trailing = SseEvent.data("ends in a newline\n");
    SseEvent empty = SseEvent.data("");
    assertThat(Fixtures.events(event.toFrame() + trailing.toFrame() + empty.toFrame()))
        .containsExactly(event, trailing, empty);
  }
}
