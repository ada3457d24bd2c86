package dev.gearbox.eval;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One labelled request: the text the router sees (the last user message), how deep the
 * conversation was, and each model's recorded outcome, with its answer and output tokens where
 * they were recorded.
 *
 * @param group examples of one group (the turns of one conversation) always land in the same
 *     fold, so that no fold is scored on a conversation it was trained on
 * @param quality per model: 1 or 0 for right or wrong, or a judge's grade (any scale, higher is
 *     better, the same scale for all models of a data set)
 * @param answers per model, the answer text where it was recorded
 * @param outputTokens per model, the answer's length in tokens where known
 */
public record RoutingExample(
    String id,
    String group,
    String prompt,
    int turn,
    Map<String, Double> quality,
    Map<String, String> answers,
    Map<String, Long> outputTokens) {

  public RoutingExample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(prompt, "prompt");
    quality = Map.copyOf(quality);
    answers = Map.copyOf(answers);
    outputTokens = Map.copyOf(outputTokens);
    if (turn < 1) {
      throw new IllegalArgumentException("turns count from 1, got " + turn);
    }
  }

  public OptionalDouble quality(String model) {
    Double q = quality.get(model);
    return q == null ? OptionalDouble.empty() : OptionalDouble.of(q);
  }

  public Optional<String> answer(String model) {
    return Optional.ofNullable(answers.get(model));
  }

  public OptionalLong outputTokens(String model) {
    Long tokens = outputTokens.get(model);
    return tokens == null ? OptionalLong.empty() : OptionalLong.of(tokens);
  }
}
