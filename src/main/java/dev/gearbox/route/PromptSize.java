package dev.gearbox.route;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * A request's prompt size for the context-window rule, worked out at most once per tokenizer
 * while one request is planned. A prompt whose byte bound
 * ({@link TokenCounter#promptTokensAtMost}) fits a window is never tokenised; a longer one is
 * counted once per encoding, however many models of the chain are checked. Not thread-safe:
 * one per request being planned.
 */
final class PromptSize {
  private final ChatRequest request;
  private final Map<String, Long> counted = new HashMap<>();
  private long atMost = -1;

  PromptSize(ChatRequest request) {
    this.request = request;
  }

  ChatRequest request() {
    return request;
  }

  /** Whether the prompt fits a window of {@code windowTokens} counted with {@code encoding}. */
  boolean fits(String encoding, long windowTokens) {
    if (atMost < 0) {
      atMost = TokenCounter.promptTokensAtMost(request);
    }
    return atMost <= windowTokens || tokens(encoding) <= windowTokens;
  }

  /** The prompt's tokens under {@code encoding}. */
  long tokens(String encoding) {
    return counted.computeIfAbsent(encoding,
        e -> TokenCounter.named(e).countPrompt(request));
  }
}
