package dev.gearbox.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the simulator serves and how it behaves.
 *
 * @param seed seeds the probabilistic faults (answers are seeded by the prompt alone)
 * @param timeoutHoldMs how long a {@code timeout} fault holds a request before dropping it
 * @param charsPerDelta characters per streamed content delta
 * @param retryAfterSeconds the Retry-After of {@code rate_limit} faults that give none
 * @param receivedCapacity how many received requests {@link Simulator#received()} keeps
 */
public record SimConfig(
    List<SimModel> models,
    long seed,
    long timeoutHoldMs,
    int charsPerDelta,
    long retryAfterSeconds,
    int receivedCapacity) {

  /** Two minutes: longer than any sensible client timeout, so the client gives up first. */
  public static final long DEFAULT_TIMEOUT_HOLD_MS = 120_000;

  public SimConfig {
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("the simulator needs at least one model");
    }
    Set<String> names = new HashSet<>();
    for (SimModel model : models) {
      if (!names.add(model.name())) {
        throw new IllegalArgumentException("model " + model.name() + " is configured twice");
      }
    }
    if (timeoutHoldMs < 0 || charsPerDelta < 1 || retryAfterSeconds < 0 || receivedCapacity < 0) {
      throw new IllegalArgumentException(
          "timeoutHoldMs, retryAfterSeconds and receivedCapacity must not be negative, and "
              + "charsPerDelta must be at least 1");
    }
  }

  /**
   * {@code sim-frontier} (gpt-4-1106-preview: 250 ms to the first token, 100 tokens/s, 128k
   * window, OpenAI wording) and {@code sim-small} (Mixtral-8x7B-Instruct: 80 ms, 250 tokens/s,
   * 32k window, vLLM wording). The frontier model is the slower one, as on real deployments;
   * both are quicker than a busy hosted API so that a demo answers in a second or two.
   */
  public static SimConfig defaults() {
    SimModel frontier = SimModel.of("sim-frontier", "gpt-4-1106-preview").withLatency(250, 100);
    SimModel small =
        SimModel.of("sim-small", "Mixtral-8x7B-Instruct")
            .withLatency(80, 250)
            .withContextWindow(32_768, ServerDialect.VLLM);
    return new SimConfig(List.of(frontier, small), 42, DEFAULT_TIMEOUT_HOLD_MS, 16, 2, 10_000);
  }

  /** The same configuration with every model answering at once: for tests. */
  public SimConfig fast() {
    return withModels(models.stream().map(m -> m.withLatency(0, 0)).toList());
  }

  public SimConfig withModels(List<SimModel> newModels) {
    return new SimConfig(
        newModels, seed, timeoutHoldMs, charsPerDelta, retryAfterSeconds, receivedCapacity);
  }

  /** This configuration with {@code model} added, or replacing the model of the same name. */
  public SimConfig with(SimModel model) {
    List<SimModel> updated = new ArrayList<>(models);
    updated.removeIf(m -> m.name().equals(model.name()));
    updated.add(model);
    return withModels(updated);
  }

  public SimConfig withTimeoutHoldMs(long holdMs) {
    return new SimConfig(models, seed, holdMs, charsPerDelta, retryAfterSeconds, receivedCapacity);
  }

  public Optional<SimModel> model(String name) {
    Objects.requireNonNull(name, "name");
    return models.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The served names, comma separated, for messages. */
  String modelNames() {
    return String.join(", ", models.stream().map(SimModel::name).toList());
  }
}
