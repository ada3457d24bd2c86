package dev.gearbox.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat request in canonical form, whichever API it arrived on. {@code model} is what the
 * client asked for (an alias such as "auto", or a model name); the route stage decides what
 * actually serves it. {@code parallelToolCalls} false limits the model to one tool call per turn
 * (OpenAI's {@code parallel_tool_calls: false}, Anthropic's {@code disable_parallel_tool_use}).
 * {@code dialect} is the client API it arrived in, for naming its fields in refusals.
 */
public record ChatRequest(
    String model,
    List<Message> messages,
    List<Tool> tools,
    Optional<ToolChoice> toolChoice,
    Optional<ResponseFormat> responseFormat,
    Sampling sampling,
    boolean stream,
    boolean includeUsage,
    boolean parallelToolCalls,
    Dialect dialect) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    Objects.requireNonNull(toolChoice, "toolChoice");
    Objects.requireNonNull(responseFormat, "responseFormat");
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(dialect, "dialect");
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one message");
    }
  }

  /**
   * A request in the OpenAI dialect that leaves the number of tool calls per turn to the model.
   */
  public ChatRequest(
      String model,
      List<Message> messages,
      List<Tool> tools,
      Optional<ToolChoice> toolChoice,
      Optional<ResponseFormat> responseFormat,
      Sampling sampling,
      boolean stream,
      boolean includeUsage) {
    this(model, messages, tools, toolChoice, responseFormat, sampling, stream, includeUsage,
        true, Dialect.OPENAI);
  }

  public static ChatRequest of(String model, List<Message> messages) {
    return new ChatRequest(
        model, messages, List.of(), Optional.empty(), Optional.empty(), Sampling.DEFAULT, false,
        false);
  }

  public ChatRequest withModel(String newModel) {
    return new ChatRequest(
        newModel, messages, tools, toolChoice, responseFormat, sampling, stream, includeUsage,
        parallelToolCalls, dialect);
  }

  public ChatRequest withMessages(List<Message> newMessages) {
    return new ChatRequest(
        model, newMessages, tools, toolChoice, responseFormat, sampling, stream, includeUsage,
        parallelToolCalls, dialect);
  }

  public ChatRequest withSampling(Sampling newSampling) {
    return new ChatRequest(
        model, messages, tools, toolChoice, responseFormat, newSampling, stream, includeUsage,
        parallelToolCalls, dialect);
  }

  public ChatRequest withStream(boolean streamed, boolean usageInStream) {
    return new ChatRequest(
        model, messages, tools, toolChoice, responseFormat, sampling, streamed, usageInStream,
        parallelToolCalls, dialect);
  }

  /** The text of the last user message, or empty when the conversation ends otherwise. */
  public Optional<String> lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return Optional.of(messages.get(i).text());
      }
    }
    return Optional.empty();
  }

  public Optional<String> systemText() {
    String joined =
        messages.stream()
            .filter(m -> m.role() == Role.SYSTEM)
            .map(Message::text)
            .reduce((a, b) -> a + "\n" + b)
            .orElse("");
    return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
  }

  public boolean hasImages() {
    return messages.stream().anyMatch(Message::hasImages);
  }
}
