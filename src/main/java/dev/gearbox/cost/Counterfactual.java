package dev.gearbox.cost;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a request would have cost had it gone to the baseline frontier model, which is what every
 * saving is measured against: {@code saved = counterfactual - actual}, per request.
 *
 * <p>Token counts depend on the tokenizer, so when the served model's encoding differs from the
 * baseline's, the prompt (and the answer, when its text is at hand) is re-counted with the
 * baseline's tokenizer; when they share one, the upstream's own count is used. The baseline is
 * assumed to get no prompt-cache discount unless it served the request itself, in which case the
 * counterfactual is exactly the actual cost and the saving is zero.
 */
public final class Counterfactual {
  private final PriceBook prices;
  private final String baselineModel;
  private final TokenCounter baselineTokenizer;

  /**
   * @throws IllegalArgumentException when the baseline model has no price
   */
  public Counterfactual(PriceBook prices, String baselineModel, TokenCounter baselineTokenizer) {
    this.prices = Objects.requireNonNull(prices, "prices");
    this.baselineModel = Objects.requireNonNull(baselineModel, "baselineModel");
    this.baselineTokenizer = Objects.requireNonNull(baselineTokenizer, "baselineTokenizer");
    if (prices.price(baselineModel).isEmpty()) {
      throw new IllegalArgumentException(
          "the baseline model '" + baselineModel + "' has no price in the price book");
    }
  }

  public String baselineModel() {
    return baselineModel;
  }

  /** The baseline's cost for a prompt and answer of these sizes, counted on its tokenizer. */
  public BigDecimal cost(long baselinePromptTokens, long baselineOutputTokens) {
    return prices.cost(baselineModel, Usage.counted(baselinePromptTokens, baselineOutputTokens));
  }

  /** The counterfactual of a request served upstream by {@code served}. */
  public BigDecimal costOf(ChatRequest request, ServedCall served) {
    if (served.model().equals(baselineModel)) {
      return prices.cost(baselineModel, served.usage());
    }
    return cost(promptTokens(request, served), outputTokens(served));
  }

  /**
   * The counterfactual of a cache hit, whose actual cost is zero: the whole of it is saved.
   *
   * @param answerText the cached answer, counted on the baseline's tokenizer
   */
  public BigDecimal costOfCacheHit(ChatRequest request, String answerText) {
    return cost(baselineTokenizer.countPrompt(request), baselineTokenizer.count(answerText));
  }

  /** {@code counterfactual - actual}; negative when a request cost more than the baseline. */
  public static BigDecimal saved(BigDecimal actualUsd, BigDecimal counterfactualUsd) {
    return counterfactualUsd.subtract(actualUsd);
  }

  private boolean sameTokenizer(ServedCall served) {
    return served.encoding().equals(baselineTokenizer.encodingName());
  }

  private long promptTokens(ChatRequest request, ServedCall served) {
    boolean upstreamCounted = served.usage().source() == UsageSource.UPSTREAM;
    if (sameTokenizer(served) && upstreamCounted) {
      return served.usage().inputTokens();
    }
    return baselineTokenizer.countPrompt(request);
  }

  private long outputTokens(ServedCall served) {
    if (sameTokenizer(served) || served.outputText().isEmpty()) {
      return served.usage().outputTokens();
    }
    return baselineTokenizer.count(served.outputText().get());
  }
}
