package dev.gearbox.provider;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.util.List;
import java.util.Objects;

/**
 * How a call through a {@link FallbackChain} ended: served by one model, or failed with the
 * error the client should see. Either way it carries every attempt, for the decision record.
 */
public sealed interface ChainOutcome<T> {

  List<Attempt> attempts();

  /** The value, or the failure as an exception. */
  T orThrow();

  /** {@code value} came from {@code model}; the last attempt is the one that served. */
  record Served<T>(T value, ModelSpec model, List<Attempt> attempts) implements ChainOutcome<T> {
    public Served {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(model, "model");
      attempts = List.copyOf(attempts);
    }

    @Override
    public T orThrow() {
      return value;
    }
  }

  /** No model served; {@code error} is the one to answer with. */
  record Failed<T>(GatewayError error, List<Attempt> attempts) implements ChainOutcome<T> {
    public Failed {
      Objects.requireNonNull(error, "error");
      attempts = List.copyOf(attempts);
    }

    @Override
    public T orThrow() {
      throw new GatewayException(error);
    }
  }
}
