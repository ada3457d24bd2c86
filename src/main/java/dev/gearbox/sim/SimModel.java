package dev.gearbox.sim;

import java.util.List;
import java.util.Objects;

/**
 * One model the simulator serves: the name clients ask for, the recorded model whose answers it
 * replays (canonical or upstream spelling, see {@link RecordedSets#canonicalModel}), how fast it
 * answers, how large its context window is, whose error wording it uses, and its faults.
 *
 * @param ttftMs time to the first token of an answer
 * @param tokensPerSecond output speed after the first token; 0 means instantly
 * @param contextWindowTokens prompt plus max_tokens beyond this gets a context-length error
 */
public record SimModel(
    String name,
    String recordedModel,
    long ttftMs,
    double tokensPerSecond,
    int contextWindowTokens,
    ServerDialect dialect,
    List<FaultRule> faults) {

  public SimModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(recordedModel, "recordedModel");
    Objects.requireNonNull(dialect, "dialect");
    faults = List.copyOf(faults);
    if (name.isBlank() || recordedModel.isBlank()) {
      throw new IllegalArgumentException("a simulated model needs a name and a recorded model");
    }
    if (ttftMs < 0 || !(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
      throw new IllegalArgumentException(
          "model " + name + ": ttftMs and tokensPerSecond must not be negative");
    }
    if (contextWindowTokens < 1) {
      throw new IllegalArgumentException(
          "model " + name + ": contextWindowTokens must be positive");
    }
  }

  /** A model with no latency, OpenAI wording, a 128k window and no faults. */
  public static SimModel of(String name, String recordedModel) {
    return new SimModel(name, recordedModel, 0, 0, 128_000, ServerDialect.OPENAI, List.of());
  }

  public SimModel withLatency(long newTtftMs, double newTokensPerSecond) {
    return new SimModel(
        name, recordedModel, newTtftMs, newTokensPerSecond, contextWindowTokens, dialect, faults);
  }

  public SimModel withContextWindow(int tokens, ServerDialect newDialect) {
    return new SimModel(name, recordedModel, ttftMs, tokensPerSecond, tokens, newDialect, faults);
  }

  public SimModel withFaults(List<FaultRule> newFaults) {
    return new SimModel(
        name, recordedModel, ttftMs, tokensPerSecond, contextWindowTokens, dialect, newFaults);
  }

  /** Time to produce {@code outputTokens} after the first one, in milliseconds. */
  long generationMs(long outputTokens) {
    return tokensPerSecond == 0 ? 0 : Math.round(outputTokens * 1000.0 / tokensPerSecond);
  }
}
