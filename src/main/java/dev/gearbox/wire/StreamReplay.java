package dev.gearbox.wire;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a complete answer into the canonical stream that would have produced it, so cached and
 * simulated answers stream like live ones. Choices are replayed one after the other; text and
 * tool arguments are cut into pieces of {@code charsPerDelta} code points (never inside a
 * surrogate pair), and {@link StreamAssembler} rebuilds the exact response from the result.
 */
public final class StreamReplay {
  private StreamReplay() {}

  /**
   * The event sequence of {@code response}.
   *
   * @throws IllegalArgumentException when {@code charsPerDelta} is below 1
   */
  public static List<StreamEvent> of(ChatResponse response, int charsPerDelta) {
    if (charsPerDelta < 1) {
      throw new IllegalArgumentException("charsPerDelta must be at least 1");
    }
    List<StreamEvent> events = new ArrayList<>();
    events.add(new StreamEvent.Started(response.id(), response.model(),
        response.createdEpochSeconds(), promptPart(response.usage())));
    for (Choice choice : response.choices()) {
      replayChoice(choice, charsPerDelta, events);
    }
    if (response.usage().source() != UsageSource.NONE) {
      events.add(new StreamEvent.UsageReported(response.usage()));
    }
    events.add(new StreamEvent.Completed());
    return List.copyOf(events);
  }

  /** The prompt side of a usage, as known when a stream starts. */
  static Usage promptPart(Usage usage) {
    if (usage.source() == UsageSource.NONE) {
      return Usage.NONE;
    }
    return new Usage(usage.inputTokens(), 0, usage.cachedInputTokens(),
        usage.cacheWriteTokens(), 0, usage.source());
  }

  private static void replayChoice(Choice choice, int charsPerDelta, List<StreamEvent> events) {
    int index = choice.index();
    for (ContentPart part : choice.message().reasoning()) {
      switch (part) {
        case ContentPart.Thinking thinking -> {
          for (String piece : split(thinking.text(), charsPerDelta)) {
            events.add(new StreamEvent.ThinkingDelta(index, piece));
          }
          events.add(new StreamEvent.ThinkingSignature(index, thinking.signature()));
        }
        case ContentPart.RedactedThinking redacted ->
            events.add(new StreamEvent.RedactedThinking(index, redacted.data()));
        default -> { }
      }
    }
    for (String piece : split(choice.message().text(), charsPerDelta)) {
      events.add(new StreamEvent.TextDelta(index, piece));
    }
    List<ToolCall> calls = choice.message().toolCalls();
    for (int t = 0; t < calls.size(); t++) {
      ToolCall call = calls.get(t);
      events.add(new StreamEvent.ToolCallStarted(index, t, call.id(), call.name()));
      for (String piece : split(call.argumentsJson(), charsPerDelta)) {
        events.add(new StreamEvent.ToolCallArguments(index, t, piece));
      }
    }
    events.add(new StreamEvent.Finished(index, choice.finishReason(), choice.stopSequence()));
  }

  /** Cuts text into pieces of at most {@code codePoints} code points; "" yields no piece. */
  static List<String> split(String text, int codePoints) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = start;
      for (int n = 0; n < codePoints && end < text.length(); n++) {
        end += Character.charCount(text.codePointAt(end));
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }
}
