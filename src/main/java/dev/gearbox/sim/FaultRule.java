package dev.gearbox.sim;

import java.util.Objects;

/**
 * A configured fault of one model: either the next {@code count} requests get it (the rules of a
 * model fire in order, so "2 x 503 then 1 x 429" is two rules), or each request gets it with
 * {@code probability}, drawn from the simulator's seeded generator.
 */
public record FaultRule(Fault fault, int count, double probability) {

  public FaultRule {
    Objects.requireNonNull(fault, "fault");
    if (count < 0) {
      throw new IllegalArgumentException("a fault count must not be negative");
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("a fault probability is between 0 and 1");
    }
    if ((count > 0) == (probability > 0)) {
      throw new IllegalArgumentException("a fault rule has either a count or a probability");
    }
  }

  /** The next {@code count} requests fail with {@code fault}. */
  public static FaultRule first(int count, Fault fault) {
    return new FaultRule(fault, count, 0);
  }

  /** Each request fails with {@code fault} with {@code probability}. */
  public static FaultRule withProbability(double probability, Fault fault) {
    return new FaultRule(fault, 0, probability);
  }
}
