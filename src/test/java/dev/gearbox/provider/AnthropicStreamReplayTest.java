package dev.gearbox.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.StreamEvent;
import dev.gearbox.provider.ScriptedUpstream.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Messages stream as Anthropic sends it (text, then a tool call, with multi-byte characters;
 * the wire package's recording) replayed through the Anthropic provider in pieces of any size.
 */
class AnthropicStreamReplayTest {
  private final ChainHarness harness = new ChainHarness();
  private final ScriptedUpstream upstream = harness.upstream();

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static byte[] recording() {
    try (InputStream in =
        AnthropicStreamReplayTest.class.getResourceAsStream("/wire/anthropic-stream.sse")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<byte[]> cut(byte[] body, int size) {
    List<byte[]> pieces = new ArrayList<>();
    for (int at = 0; at < body.length; at += size) {
      pieces.add(Arrays.copyOfRange(body, at, Math.min(body.length, at + size)));
    }
    return pieces;
  }

  private List<StreamEvent> replay(List<byte[]> pieces) {
    upstream.then(Reply.sse(pieces));
    Candidate claude =
        harness.candidate(
            Fixtures.model("claude", "claude-provider"),
            upstream.baseUrl(),
            s -> s.withKind(ProviderKind.ANTHROPIC));
    List<StreamEvent> events = new ArrayList<>();
    try (UpstreamStream stream =
        harness.chain().stream(
                Fixtures.ask("weather in Zürich?"), List.of(claude), harness.minutes(1),
                Clearance.ANYWHERE)
            .orThrow()) {
      for (Optional<StreamEvent> e = stream.next(); e.isPresent(); e = stream.next()) {
        events.add(e.get());
      }
    }
    return events;
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 7, 64})
  void cutAnywhere_yieldsExactlyTheEventsOfTheWholeBody(int pieceBytes) {
    List<StreamEvent> whole = replay(List.of(recording()));

    List<StreamEvent> pieces = replay(cut(recording(), pieceBytes));

    assertThat(pieces).isEqualTo(whole);
    assertThat(whole).first().isInstanceOf(StreamEvent.Started.class);
    assertThat(whole)
        .anySatisfy(e -> assertThat(e).isInstanceOf(StreamEvent.ToolCallStarted.class));
    assertThat(whole).last().isEqualTo(new StreamEvent.Completed());
  }

  @Test
  void request_carriesTheKeyHeaderAndVersionToMessages() {
    replay(List.of(recording()));

    ScriptedUpstream.Recorded sent = upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.headers())
        .containsEntry("x-api-key", Fixtures.KEY)
        .containsEntry("anthropic-version", "2023-06-01")
        .doesNotContainKey("authorization");
    assertThat(sent.body()).contains("\"stream\":true").contains("\"max_tokens\":4096");
  }
}
