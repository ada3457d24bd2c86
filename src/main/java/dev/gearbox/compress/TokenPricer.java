package dev.gearbox.compress;

import dev.gearbox.provider.ModelSpec;
import java.math.BigDecimal;

/** Prices prompt tokens on a model: what the tokens a compression removed would have cost. */
@FunctionalInterface
public interface TokenPricer {

  /** The input price of {@code tokens} prompt tokens on {@code model}, in USD. */
  BigDecimal inputUsd(ModelSpec model, long tokens);
}
