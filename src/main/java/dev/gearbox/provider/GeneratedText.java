package dev.gearbox.provider;

import dev.gearbox.model.StreamEvent;

/**
 * Everything a stream's model generated so far, as text to count output tokens in: answer text,
 * reasoning, tool names and argument fragments. Kept as it passes and tokenized only when a count
 * is needed (the upstream reported none, or the stream ended before its report).
 */
public final class GeneratedText {
  private final StringBuilder text = new StringBuilder();

  /** Adds what {@code event} generated, if anything. */
  public void observe(StreamEvent event) {
    switch (event) {
      case StreamEvent.TextDelta delta -> text.append(delta.text());
      case StreamEvent.ThinkingDelta thinking -> text.append(thinking.text());
      case StreamEvent.ToolCallStarted call -> text.append('\n').append(call.name());
      case StreamEvent.ToolCallArguments args -> text.append(args.fragment());
      case StreamEvent.ThinkingSignature ignored -> {}
      case StreamEvent.RedactedThinking ignored -> {}
      case StreamEvent.UsageReported ignored -> {}
      case StreamEvent.Started ignored -> {}
      case StreamEvent.Finished ignored -> {}
      case StreamEvent.Completed ignored -> {}
    }
  }

  public String text() {
    return text.toString();
  }
}
