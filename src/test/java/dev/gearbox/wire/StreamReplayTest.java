package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamReplayTest {
  private static final ChatResponse ANSWER = new ChatResponse("r1", "m", 5, List.of(
      new Choice(0, Message.assistant("🌧 rain 🇨🇭", List.of(new ToolCall("t", "f", "{\"x\":1}"))),
          FinishReason.TOOL_CALLS),
      new Choice(1, Message.assistant("", List.of()), FinishReason.STOP)),
      new Usage(40, 12, 30, 5, 2, UsageSource.UPSTREAM));

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 100})
  void replay_thenAssemble_givesTheSameResponse(int charsPerDelta) {
    assertThat(Streams.assemble(StreamReplay.of(ANSWER, charsPerDelta))).isEqualTo(ANSWER);
  }

  @Test
  void replay_isAWellFormedSequence() {
    List<StreamEvent> events = StreamReplay.of(ANSWER, 4);
    assertThat(events.getFirst()).isEqualTo(new StreamEvent.Started("r1", "m", 5,
        new Usage(40, 0, 30, 5, 0, UsageSource.UPSTREAM)));
    assertThat(events.subList(events.size() - 2, events.size())).containsExactly(
        new StreamEvent.UsageReported(ANSWER.usage()), new StreamEvent.Completed());
    assertThat(events).filteredOn(StreamEvent.Finished.class::isInstance).containsExactly(
        new StreamEvent.Finished(0, FinishReason.TOOL_CALLS),
        new StreamEvent.Finished(1, FinishReason.STOP));
  }

  @Test
  void textIsCutByCodePoints_neverInsideASurrogatePair() {
    List<String> pieces = StreamReplay.of(ANSWER, 1).stream()
        .filter(StreamEvent.TextDelta.class::isInstance)
        .map(e -> ((StreamEvent.TextDelta) e).text())
        .toList();
    assertThat(pieces).startsWith("🌧", " ", "r");
    assertThat(pieces).allSatisfy(p -> assertThat(p.codePointCount(0, p.length())).isEqualTo(1));
    assertThat(String.join("", pieces)).isEqualTo("🌧 rain 🇨🇭");
  }

  @Test
  void responseWithoutUsage_replaysWithoutUsageReported() {
    ChatResponse plain = ANSWER.withUsage(Usage.NONE);
    List<StreamEvent> events = StreamReplay.of(plain, 3);
    assertThat(events).noneMatch(StreamEvent.UsageReported.class::isInstance);
    assertThat(((StreamEvent.Started) events.getFirst()).promptUsage()).isEqualTo(Usage.NONE);
  }

  @Test
  void nonPositiveChunkSize_isRefused() {
    assertThatThrownBy(() -> StreamReplay.of(ANSWER, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void assembler_refusesResultBeforeCompletion() {
    StreamAssembler assembler = new StreamAssembler();
    assembler.accept(new StreamEvent.Started("a", "m", 1, Usage.NONE));
    assertThat(assembler.isCompleted()).isFalse();
    assertThatThrownBy(assembler::result).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not completed");
  }

  @Test
  void assembler_refusesEventsOutOfOrder() {
    assertThatThrownBy(() -> new StreamAssembler().accept(new StreamEvent.TextDelta(0, "x")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("begins with Started");

    StreamAssembler assembler = new StreamAssembler();
    assembler.accept(new StreamEvent.Started("a", "m", 1, Usage.NONE));
    assertThatThrownBy(() -> assembler.accept(new StreamEvent.ToolCallArguments(0, 3, "{")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("before it started");
    assembler.accept(new StreamEvent.Completed());
    assertThatThrownBy(() -> assembler.accept(new StreamEvent.Completed()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already completed");
  }

  @Test
  void assembler_withoutUsageReported_keepsThePromptUsage() {
    StreamAssembler assembler = new StreamAssembler();
    Usage prompt = new Usage(7, 0, 0, 0, 0, UsageSource.COUNTED);
    assembler.accept(new StreamEvent.Started("a", "m", 1, prompt));
    assembler.accept(new StreamEvent.TextDelta(0, "x"));
    assembler.accept(new StreamEvent.Completed());
    ChatResponse result = assembler.result();
    assertThat(result.usage()).isEqualTo(prompt);
    assertThat(result.first().finishReason()).isEqualTo(FinishReason.STOP);
  }
}
