package dev.gearbox.eval;

import dev.gearbox.cost.PriceBook;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.Usage;
import java.util.Map;
import java.util.Optional;

/**
 * Prices each request of a data set on both models with the price book: input tokens are the
 * prompt's (the last user message, counted with cl100k), output tokens each model's recorded
 * answer length. The recorded models' names differ from the price book's, so the bundled ones
 * are mapped here; other names are looked up as they are.
 */
public final class PricedPair {
  private static final Map<String, String> PRICE_KEYS = Map.of(
      "gpt-4-1106-preview", "gpt-4-1106-preview",
      "Mixtral-8x7B-Instruct", "mistralai/Mixtral-8x7B-Instruct-v0.1",
      "gpt-4o", "gpt-4o",
      "Llama-3.1-8B-Instruct", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo");
  private static final TokenCounter TOKENS = TokenCounter.cl100k();

  private final PriceBook prices;
  private final String smallKey;
  private final String frontierKey;

  private PricedPair(PriceBook prices, String smallKey, String frontierKey) {
    this.prices = prices;
    this.smallKey = smallKey;
    this.frontierKey = frontierKey;
  }

  /**
   * The pricing of {@code dataset}'s two models, under the given price-book names or the
   * models' own.
   *
   * @throws IllegalArgumentException when a model has no price
   */
  static PricedPair of(RoutingDataset dataset, PriceBook prices, Optional<String> smallPrice,
      Optional<String> frontierPrice) {
    String small = priceKey(smallPrice.orElse(dataset.smallModel()));
    String frontier = priceKey(frontierPrice.orElse(dataset.frontierModel()));
    for (String key : new String[] {small, frontier}) {
      if (prices.price(key).isEmpty()) {
        throw new IllegalArgumentException("no price for '" + key + "' in the price book; name"
            + " a priced model with --small-price / --frontier-price, one of: "
            + String.join(", ", new java.util.TreeSet<>(prices.all().keySet())));
      }
    }
    return new PricedPair(prices, small, frontier);
  }

  /** The price-book name of a model as the bundled sets name it, or the name itself. */
  private static String priceKey(String model) {
    return PRICE_KEYS.getOrDefault(model, model);
  }

  String smallKey() {
    return smallKey;
  }

  String frontierKey() {
    return frontierKey;
  }

  /** The outcomes and costs of every request of {@code dataset}. */
  Outcomes outcomes(RoutingDataset dataset) {
    int n = dataset.size();
    double[] qs = new double[n];
    double[] qf = new double[n];
    double[] cs = new double[n];
    double[] cf = new double[n];
    for (int i = 0; i < n; i++) {
      RoutingExample e = dataset.examples().get(i);
      long input = TOKENS.count(e.prompt());
      qs[i] = dataset.smallQuality(i);
      qf[i] = dataset.frontierQuality(i);
      cs[i] = cost(smallKey, input, e.outputTokens(dataset.smallModel()).orElse(0));
      cf[i] = cost(frontierKey, input, e.outputTokens(dataset.frontierModel()).orElse(0));
    }
    return new Outcomes(qs, qf, cs, cf);
  }

  private double cost(String key, long input, long output) {
    return prices.cost(key, Usage.counted(input, output)).doubleValue();
  }
}
