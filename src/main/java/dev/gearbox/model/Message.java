package dev.gearbox.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One turn of a conversation in canonical form. A TOOL message carries the id of the call it
 * answers; an ASSISTANT message may carry tool calls beside (or instead of) content.
 */
public record Message(
    Role role,
    List<ContentPart> content,
    List<ToolCall> toolCalls,
    Optional<String> toolCallId,
    Optional<String> name) {

  public Message {
    Objects.requireNonNull(role, "role");
    content = List.copyOf(content);
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(toolCallId, "toolCallId");
    Objects.requireNonNull(name, "name");
    if (role == Role.TOOL && toolCallId.isEmpty()) {
      throw new IllegalArgumentException("a tool message needs the id of the call it answers");
    }
  }

  public static Message text(Role role, String text) {
    return new Message(
        role, List.of(new ContentPart.Text(text)), List.of(), Optional.empty(), Optional.empty());
  }

  public static Message assistant(String text, List<ToolCall> toolCalls) {
    List<ContentPart> parts = text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text));
    return new Message(Role.ASSISTANT, parts, toolCalls, Optional.empty(), Optional.empty());
  }

  public static Message toolResult(String toolCallId, String text) {
    return new Message(
        Role.TOOL,
        List.of(new ContentPart.Text(text)),
        List.of(),
        Optional.of(toolCallId),
        Optional.empty());
  }

  /** An assistant answer: its reasoning parts first, then its text and tool calls. */
  public static Message answer(List<ContentPart> reasoning, String text, List<ToolCall> calls) {
    List<ContentPart> parts = new java.util.ArrayList<>(reasoning);
    if (!text.isEmpty()) {
      parts.add(new ContentPart.Text(text));
    }
    return new Message(Role.ASSISTANT, parts, calls, Optional.empty(), Optional.empty());
  }

  /** The reasoning parts ({@link ContentPart.Thinking} and redacted), in order. */
  public List<ContentPart> reasoning() {
    return content.stream().filter(Message::isReasoning).toList();
  }

  /** This message without its reasoning parts, for upstreams that take none. */
  public Message withoutReasoning() {
    if (content.stream().noneMatch(Message::isReasoning)) {
      return this;
    }
    return new Message(role, content.stream().filter(p -> !isReasoning(p)).toList(), toolCalls,
        toolCallId, name);
  }

  private static boolean isReasoning(ContentPart part) {
    return part instanceof ContentPart.Thinking || part instanceof ContentPart.RedactedThinking;
  }

  /** The concatenated text parts; images, reasoning and tool calls are left out. */
  public String text() {
    return content.stream()
        .filter(ContentPart.Text.class::isInstance)
        .map(p -> ((ContentPart.Text) p).text())
        .collect(Collectors.joining());
  }

  public boolean hasImages() {
    return content.stream().anyMatch(ContentPart.Image.class::isInstance);
  }
}
