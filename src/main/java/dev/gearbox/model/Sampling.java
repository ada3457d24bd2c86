package dev.gearbox.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Generation parameters shared by both wire formats. {@code n} is the number of choices;
 * {@code reasoning} is how much the client asked the model to reason, when it asked.
 */
public record Sampling(
    OptionalInt maxTokens,
    OptionalDouble temperature,
    OptionalDouble topP,
    OptionalLong seed,
    int n,
    List<String> stop,
    Optional<String> user,
    Optional<Reasoning> reasoning) {

  public static final Sampling DEFAULT =
      new Sampling(
          OptionalInt.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalLong.empty(),
          1,
          List.of(),
          Optional.empty(),
          Optional.empty());

  public Sampling {
    Objects.requireNonNull(maxTokens, "maxTokens");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(topP, "topP");
    Objects.requireNonNull(seed, "seed");
    stop = List.copyOf(stop);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(reasoning, "reasoning");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
  }

  /** Parameters without a reasoning request. */
  public Sampling(OptionalInt maxTokens, OptionalDouble temperature, OptionalDouble topP,
      OptionalLong seed, int n, List<String> stop, Optional<String> user) {
    this(maxTokens, temperature, topP, seed, n, stop, user, Optional.empty());
  }

  public Sampling withMaxTokens(int tokens) {
    return new Sampling(OptionalInt.of(tokens), temperature, topP, seed, n, stop, user,
        reasoning);
  }

  public Sampling withN(int choices) {
    return new Sampling(maxTokens, temperature, topP, seed, choices, stop, user, reasoning);
  }
}
