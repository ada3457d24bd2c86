package dev.gearbox.wire;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rebuilds a complete {@link ChatResponse} from a canonical stream: text deltas concatenate per
 * choice, thinking deltas up to each signature make one thinking part, tool calls are ordered by
 * their index and their argument fragments concatenate to the exact text the model produced. Used
 * to answer non-streaming clients from streaming upstreams and to store streamed answers in the
 * cache. Not thread-safe.
 */
public final class StreamAssembler {
  private Optional<StreamEvent.Started> started = Optional.empty();
  private final SortedMap<Integer, ChoiceDraft> choices = new TreeMap<>();
  private Optional<Usage> usage = Optional.empty();
  private boolean completed;

  /**
   * Takes the next event.
   *
   * @throws IllegalStateException when the event cannot follow the ones before it
   */
  public void accept(StreamEvent event) {
    if (completed) {
      throw new IllegalStateException("the stream is already completed");
    }
    if (started.isEmpty() && !(event instanceof StreamEvent.Started)) {
      throw new IllegalStateException("a stream begins with Started, not " + name(event));
    }
    switch (event) {
      case StreamEvent.Started s -> start(s);
      case StreamEvent.TextDelta d -> choice(d.choiceIndex()).text.append(d.text());
      case StreamEvent.ThinkingDelta t -> choice(t.choiceIndex()).thinking.append(t.text());
      case StreamEvent.ThinkingSignature t -> choice(t.choiceIndex()).sign(t.signature());
      case StreamEvent.RedactedThinking r -> choice(r.choiceIndex()).redacted(r.data());
      case StreamEvent.ToolCallStarted t -> choice(t.choiceIndex()).startTool(t);
      case StreamEvent.ToolCallArguments a -> choice(a.choiceIndex()).appendArguments(a);
      case StreamEvent.Finished f -> choice(f.choiceIndex()).finish(f);
      case StreamEvent.UsageReported u -> usage = Optional.of(u.usage());
      case StreamEvent.Completed c -> completed = true;
    }
  }

  public boolean isCompleted() {
    return completed;
  }

  /**
   * The reassembled answer. A choice that never got its Finished event counts as STOP; a stream
   * without UsageReported carries the prompt usage of its Started event.
   *
   * @throws IllegalStateException when the stream has not completed, or had no choice
   */
  public ChatResponse result() {
    if (!completed) {
      throw new IllegalStateException("the stream has not completed");
    }
    if (choices.isEmpty()) {
      throw new IllegalStateException("the stream completed without any choice");
    }
    StreamEvent.Started s = started.orElseThrow();
    List<Choice> built = choices.entrySet().stream()
        .map(e -> e.getValue().build(e.getKey()))
        .toList();
    return new ChatResponse(
        s.id(), s.model(), s.createdEpochSeconds(), built, usage.orElse(s.promptUsage()));
  }

  private void start(StreamEvent.Started s) {
    if (started.isPresent()) {
      throw new IllegalStateException("a stream has exactly one Started event");
    }
    started = Optional.of(s);
  }

  private ChoiceDraft choice(int index) {
    if (index < 0) {
      throw new IllegalStateException("choice index " + index + " is negative");
    }
    return choices.computeIfAbsent(index, i -> new ChoiceDraft());
  }

  private static String name(StreamEvent event) {
    return event.getClass().getSimpleName();
  }

  private static final class ChoiceDraft {
    final StringBuilder text = new StringBuilder();
    final StringBuilder thinking = new StringBuilder();
    final List<ContentPart> reasoning = new ArrayList<>();
    final SortedMap<Integer, ToolDraft> tools = new TreeMap<>();
    Optional<FinishReason> finish = Optional.empty();
    Optional<String> stopSequence = Optional.empty();

    void finish(StreamEvent.Finished f) {
      finish = Optional.of(f.reason());
      stopSequence = f.stopSequence();
    }

    void sign(String signature) {
      reasoning.add(new ContentPart.Thinking(thinking.toString(), signature));
      thinking.setLength(0);
    }

    void redacted(String data) {
      closeThinking();
      reasoning.add(new ContentPart.RedactedThinking(data));
    }

    /** Reasoning that never got its signature is kept without one. */
    private void closeThinking() {
      if (!thinking.isEmpty()) {
        sign("");
      }
    }

    void startTool(StreamEvent.ToolCallStarted t) {
      if (tools.putIfAbsent(t.toolIndex(), new ToolDraft(t.id(), t.name())) != null) {
        throw new IllegalStateException("tool call " + t.toolIndex() + " started twice");
      }
    }

    void appendArguments(StreamEvent.ToolCallArguments a) {
      ToolDraft tool = tools.get(a.toolIndex());
      if (tool == null) {
        throw new IllegalStateException("arguments for tool call " + a.toolIndex()
            + " arrived before it started");
      }
      tool.arguments.append(a.fragment());
    }

    Choice build(int index) {
      List<ToolCall> calls = tools.values().stream().map(ToolDraft::build).toList();
      closeThinking();
      return new Choice(index, Message.answer(reasoning, text.toString(), calls),
          finish.orElse(FinishReason.STOP), stopSequence);
    }
  }

  private record ToolDraft(String id, String name, StringBuilder arguments) {
    ToolDraft(String id, String name) {
      this(id, name, new StringBuilder());
    }

    ToolCall build() {
      return new ToolCall(id, name, arguments.toString());
    }
  }
}
