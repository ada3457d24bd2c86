package dev.gearbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Dialect;
import dev.gearbox.model.Message;
import dev.gearbox.model.Reasoning;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.ToolChoice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request's reasoning as the Messages API's {@code thinking}, with the {@code max_tokens} to
 * send beside it.
 *
 * <p>An OpenAI client's {@code reasoning_effort} becomes a budget ({@link ReasoningBudgets};
 * "none" asks for no thinking), an Anthropic client's budget goes as it is, {@code adaptive} as
 * {@code adaptive}. The API wants the budget at least 1024 and below {@code max_tokens}, which
 * counts the thinking too (as {@code max_completion_tokens} counts reasoning tokens at OpenAI):
 * with a client's limit the budget is cut to fit below it, and a limit of 1024 or less leaves no
 * room and is refused, naming the limit; without one, {@code max_tokens} is the gateway's default
 * answer length plus the budget. Extended thinking takes only the default temperature (1), a
 * {@code top_p} of at least 0.95 and no forced tool use; a request asking for reasoning beside
 * any of those is refused naming the field, rather than sent to be refused or quietly altered.
 *
 * <p>One case goes without thinking: a call that continues a tool-use turn whose assistant
 * message carries no signed thinking block. The API refuses thinking there (the turn must start
 * with its thinking), and OpenAI-format clients have no place to keep it, so their tool loops
 * would fail on every result; the turn after the next user message thinks again.
 */
final class AnthropicThinking {
  /** What to send: {@code thinking}, when any, and {@code max_tokens}. */
  record Plan(Optional<ObjectNode> thinking, int maxTokens) {
    boolean enabled() {
      return thinking.isPresent();
    }
  }

  private static final double LOWEST_TOP_P = 0.95;

  private AnthropicThinking() {}

  static Plan plan(ChatRequest request, int defaultMaxTokens) {
    Sampling sampling = request.sampling();
    OptionalInt limit = sampling.maxTokens();
    int maxTokens = limit.orElse(defaultMaxTokens);
    if (sampling.reasoning().isEmpty()) {
      return new Plan(Optional.empty(), maxTokens);
    }
    if (toolTurnWithoutThinking(request.messages())) {
      return new Plan(Optional.empty(), maxTokens);
    }
    ObjectNode thinking = Json.NODES.objectNode();
    Reasoning reasoning = sampling.reasoning().get();
    if (reasoning instanceof Reasoning.Adaptive) {
      checkBeside(request, false);
      thinking.put("type", "adaptive");
      return new Plan(Optional.of(thinking), maxTokens);
    }
    int tokens = switch (reasoning) {
      case Reasoning.Budget budget -> budget.tokens();
      case Reasoning.Effort effort -> ReasoningBudgets.budget(effort.level()).orElse(0);
      case Reasoning.Adaptive adaptive -> 0;
    };
    if (tokens == 0) {
      return new Plan(Optional.empty(), maxTokens);
    }
    if (limit.isPresent()) {
      tokens = Math.min(tokens, limit.getAsInt() - 1);
      if (tokens < ReasoningBudgets.MIN_BUDGET) {
        throw noRoom(request.dialect(), limit.getAsInt());
      }
    } else {
      maxTokens = defaultMaxTokens + tokens;
    }
    checkBeside(request, true);
    thinking.put("type", "enabled");
    thinking.put("budget_tokens", tokens);
    return new Plan(Optional.of(thinking), maxTokens);
  }
  /**
   * Whether the conversation continues a tool-use turn that carries no signed thinking, which the
   * API refuses with thinking on: OpenAI clients have no place for thinking blocks, and other
   * clients may have dropped them.
   */
  private static boolean toolTurnWithoutThinking(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message m = messages.get(i);
      if (m.role() == Role.ASSISTANT) {
        return !m.toolCalls().isEmpty() && m.reasoning().stream().noneMatch(
            p -> p instanceof ContentPart.RedactedThinking
                || p instanceof ContentPart.Thinking t && !t.signature().isEmpty());
      }
    }
    return false;
  }

  private static RuntimeException noRoom(Dialect dialect, int limit) {
    return Fields.invalid(dialect.maxTokens(), "'" + dialect.maxTokens() + "' = " + limit
        + " leaves no room for reasoning ('" + dialect.reasoning() + "') on an Anthropic "
        + "upstream, which thinks for at least " + ReasoningBudgets.MIN_BUDGET + " tokens within "
        + "that limit; raise it above " + ReasoningBudgets.MIN_BUDGET + " or do not ask for "
        + "reasoning");
  }

  private static void checkBeside(ChatRequest request, boolean manual) {
    String asked = "'" + request.dialect().reasoning() + "'";
    Sampling sampling = request.sampling();
    if (sampling.temperature().isPresent() && sampling.temperature().getAsDouble() != 1) {
      throw Fields.invalid("temperature", "'temperature' = " + sampling.temperature()
          .getAsDouble() + " cannot go with reasoning (" + asked + ") to an Anthropic upstream, "
          + "whose extended thinking takes only the default temperature 1; remove one of them");
    }
    if (sampling.topP().isPresent() && sampling.topP().getAsDouble() < LOWEST_TOP_P) {
      throw Fields.invalid("top_p", "'top_p' = " + sampling.topP().getAsDouble() + " cannot go "
          + "with reasoning (" + asked + ") to an Anthropic upstream, whose extended thinking "
          + "takes a top_p of " + LOWEST_TOP_P + " to 1; raise it or remove one of them");
    }
    boolean forced = request.toolChoice()
        .filter(c -> c instanceof ToolChoice.Required || c instanceof ToolChoice.Named)
        .isPresent();
    if (manual && forced) {
      throw Fields.invalid("tool_choice", "'tool_choice' forces a tool call, which cannot go "
          + "with reasoning (" + asked + ") to an Anthropic upstream, whose extended thinking "
          + "allows only auto or none; use auto or do not ask for reasoning");
    }
  }
}
