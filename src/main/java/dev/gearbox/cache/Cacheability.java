package dev.gearbox.cache;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;

/**
 * Which answers may be cached. Only complete ones: every choice ended because the model was done
 * ({@code stop}) or asked for tools ({@code tool_calls}), and says something (text that is not
 * blank, or a tool call).
 *
 * <p>Not cached: errors and streams that did not complete (they never reach the cache);
 * {@code length}, because an answer cut at max_tokens is an incomplete answer and clients often
 * retry exactly these, so pinning the cut version would turn a one-off into a repeated failure
 * (at temperature above zero a retry may well finish); and {@code content_filter}, whose outcome
 * the provider may revise; and an empty answer (no text, or only whitespace or reasoning, and no
 * tool call), which upstreams send now and then under load or after a silent filter: cached, it
 * would answer every repeat with nothing until it expired. The cost is a lost saving on those few
 * requests, never a wrong answer.
 *
 * <p>Answers that call tools serve exact repeats only: their arguments copy details out of the
 * prompt, which is precisely what a paraphrase may change.
 */
final class Cacheability {
  private Cacheability() {}

  static boolean storable(ChatResponse response) {
    return response.choices().stream().allMatch(Cacheability::complete);
  }

  static boolean servesNeighbours(ChatResponse response) {
    return response.choices().stream().allMatch(c -> c.message().toolCalls().isEmpty());
  }

  private static boolean complete(Choice choice) {
    boolean finished = switch (choice.finishReason()) {
      case STOP, TOOL_CALLS -> true;
      case LENGTH, CONTENT_FILTER -> false;
    };
    return finished && (!choice.message().toolCalls().isEmpty()
        || !choice.message().text().isBlank());
  }
}
