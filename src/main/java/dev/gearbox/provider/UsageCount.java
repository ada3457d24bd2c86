package dev.gearbox.provider;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;

/**
 * Token counts for answers whose upstream reported none (llama.cpp builds, some proxies, streams
 * cut before the usage chunk), counted with the model's own tokenizer and marked
 * {@link UsageSource#COUNTED} so the ledger knows they are estimates. A report of zero tokens
 * counts as none: no real exchange has an empty prompt.
 */
final class UsageCount {
  private UsageCount() {}

  static boolean missing(Usage usage) {
    return usage.source() == UsageSource.NONE || usage.totalTokens() == 0;
  }

  /** {@code response} with counted usage when the upstream's is missing, else unchanged. */
  static ChatResponse fill(ChatRequest request, ChatResponse response, ModelSpec model) {
    if (!missing(response.usage())) {
      return response;
    }
    TokenCounter counter = TokenCounter.named(model.tokenizer());
    long output = 0;
    for (Choice choice : response.choices()) {
      output += counter.count(choice.message().text());
      for (ToolCall call : choice.message().toolCalls()) {
        output += counter.count(call.name()) + counter.count(call.argumentsJson());
      }
    }
    return response.withUsage(Usage.counted(counter.countPrompt(request), output));
  }

  /** The sum of several calls' usage; counted when any part was. */
  static Usage sum(Usage a, Usage b) {
    UsageSource source =
        a.source() == UsageSource.UPSTREAM && b.source() == UsageSource.UPSTREAM
            ? UsageSource.UPSTREAM
            : UsageSource.COUNTED;
    return new Usage(
        a.inputTokens() + b.inputTokens(),
        a.outputTokens() + b.outputTokens(),
        a.cachedInputTokens() + b.cachedInputTokens(),
        a.cacheWriteTokens() + b.cacheWriteTokens(),
        a.reasoningTokens() + b.reasoningTokens(),
        source);
  }
}
