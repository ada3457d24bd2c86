package dev.gearbox.demo;

import dev.gearbox.sim.Outcome;
import dev.gearbox.sim.RecordedAnswer;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import java.util.Map;
import java.util.Optional;

/**
 * Scores demo answers without a judge: the demo knows which recorded question each request
 * asked and the gateway says which model answered, so the answer's quality is that model's
 * recorded outcome on that question, and the all-frontier quality is the frontier model's
 * outcome on the same question. Questions where either outcome is missing are not scored.
 *
 * <p>Where the set keeps answer texts (GSM8K, MT-Bench) the scorer also checks that the answer
 * is the recorded one: an answer that is not (a semantic cache hit that returned another
 * question's answer) would otherwise borrow the right answer's outcome, so it scores as wrong,
 * or with the judge's lowest grade.
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

  /**
   * The score of the answer {@code servedAlias} gave to {@code asked}, when both outcomes are
   * recorded.
   *
   * @param answerText the text the client received, checked against the recorded answer
   */
  Optional<ScoredAnswer> score(ItemTurn asked, String servedAlias, Optional<String> answerText) {
    Optional<RecordedAnswer> recorded = recorded(asked, servedAlias);
    Optional<Double> routed = recorded.flatMap(RecordedAnswer::outcome).map(QualityScorer::value);
    Optional<Double> frontier =
        recorded(asked, frontierAlias).flatMap(RecordedAnswer::outcome).map(QualityScorer::value);
    if (routed.isEmpty() || frontier.isEmpty()) {
      return Optional.empty();
    }
    boolean isRecorded = recorded.get().text().isEmpty() || answerText.isEmpty()
        || recorded.get().text().get().equals(answerText.get());
    double score = isRecorded ? routed.get() : worst(asked.item().set());
    return Optional.of(new ScoredAnswer(asked.item().set(), score, frontier.get(), isRecorded));
  }

  /** The recorded answer of the model behind {@code alias} to {@code asked}, if there is one. */
  Optional<RecordedAnswer> answer(ItemTurn asked, String alias) {
    return recorded(asked, alias);
  }

  private Optional<RecordedAnswer> recorded(ItemTurn asked, String alias) {
    return Optional.ofNullable(recordedModelByAlias.get(alias))
        .flatMap(model -> sets.modelIn(asked.item().set(), model))
        .flatMap(model -> asked.item().answer(model, asked.turn()));
  }

  private static double worst(RecordedSet set) {
    return switch (set) {
      case GSM8K, MMLU_PRO -> 0.0;
      case MT_BENCH, ARENA -> 1.0;
    };
  }

  private static double value(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Correct c -> 1.0;
      case Outcome.Wrong w -> 0.0;
      case Outcome.Score s -> s.value();
    };
  }
}
