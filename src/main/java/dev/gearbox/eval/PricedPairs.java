package dev.gearbox.eval;

import dev.gearbox.cost.PriceBook;
import java.util.Optional;

/** How an evaluation prices a data set's two models: the price book and optional names. */
public record PricedPairs(PriceBook prices, Optional<String> smallPrice,
    Optional<String> frontierPrice) {

  public static PricedPairs bundled() {
    return new PricedPairs(PriceBook.bundled(), Optional.empty(), Optional.empty());
  }

  /**
   * The pricing of {@code dataset}'s pair.
   *
   * @throws IllegalArgumentException when either model has no price in the book
   */
  public PricedPair pair(RoutingDataset dataset) {
    return PricedPair.of(dataset, prices, smallPrice, frontierPrice);
  }
}
