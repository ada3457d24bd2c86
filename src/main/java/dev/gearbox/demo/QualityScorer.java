package dev.gearbox.demo;

import dev.gearbox.sim.Outcome;
import dev.gearbox.sim.RecordedAnswer;
import dev.gearbox.sim.RecordedSets;
import java.util.Map;
import java.util.Optional;

/**
 * Scores demo answers without a judge: the demo knows which recorded question each request
 * asked and the gateway says which model answered, so the answer's quality is that model's
 * recorded outcome on that question, and the all-frontier quality is the frontier model's
 * outcome on the same question. Questions where either outcome is missing are not scored.
 */
final class QualityScorer {
  private final RecordedSets sets;
  private final Map<String, String> recordedModelByAlias;
  private final String frontierAlias;

  /**
   * @param recordedModelByAlias the recorded model each served alias replays
   * @param frontierAlias the alias of the all-frontier baseline
   */
  QualityScorer(RecordedSets sets, Map<String, String> recordedModelByAlias, String frontierAlias) {
    this.sets = sets;
    this.recordedModelByAlias = Map.copyOf(recordedModelByAlias);
    this.frontierAlias = frontierAlias;
    if (!this.recordedModelByAlias.containsKey(frontierAlias)) {
      throw new IllegalArgumentException("the baseline " + frontierAlias + " replays no "
          + "recorded model");
    }
  }

  /** The score of the answer {@code servedAlias} gave to {@code asked}, when both are known. */
  Optional<ScoredAnswer> score(ItemTurn asked, String servedAlias) {
    Optional<Double> routed = outcome(asked, servedAlias);
    Optional<Double> frontier = outcome(asked, frontierAlias);
    if (routed.isEmpty() || frontier.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ScoredAnswer(asked.item().set(), routed.get(), frontier.get()));
  }

  private Optional<Double> outcome(ItemTurn asked, String alias) {
    return Optional.ofNullable(recordedModelByAlias.get(alias))
        .flatMap(model -> sets.modelIn(asked.item().set(), model))
        .flatMap(model -> asked.item().answer(model, asked.turn()))
        .flatMap(RecordedAnswer::outcome)
        .map(QualityScorer::value);
  }

  private static double value(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Correct c -> 1.0;
      case Outcome.Wrong w -> 0.0;
      case Outcome.Score s -> s.value();
    };
  }
}
