package dev.gearbox.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Generation parameters shared by both wire formats. {@code n} is the number of choices. */
public record Sampling(
    OptionalInt maxTokens,
    OptionalDouble temperature,
    OptionalDouble topP,
    OptionalLong seed,
    int n,
    List<String> stop,
    Optional<String> user) {

  public static final Sampling DEFAULT =
      new Sampling(
          OptionalInt.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalLong.empty(),
          1,
          List.of(),
          Optional.empty());

  public Sampling {
    Objects.requireNonNull(maxTokens, "maxTokens");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(topP, "topP");
    Objects.requireNonNull(seed, "seed");
    stop = List.copyOf(stop);
    Objects.requireNonNull(user, "user");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
  }

  public Sampling withMaxTokens(int tokens) {
    return new Sampling(OptionalInt.of(tokens), temperature, topP, seed, n, stop, user);
  }

  public Sampling withN(int choices) {
    return new Sampling(maxTokens, temperature, topP, seed, choices, stop, user);
  }
}
