package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.sim.Outcome;
import dev.gearbox.sim.RecordedItem;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityScorerTest {
  private static final RecordedSets SETS = RecordedSets.bundled();
  private final QualityScorer scorer = new QualityScorer(SETS,
      Map.of("sim-frontier", "gpt-4-1106-preview", "sim-small", "Mixtral-8x7B-Instruct"),
      "sim-frontier");

  @Test
  void gsm8kAnswer_scoresTheAnsweringModelsRecordedCorrectness() {
    RecordedItem item = SETS.items(RecordedSet.GSM8K).stream()
        .filter(i -> outcome(i, "Mixtral-8x7B-Instruct", 0) instanceof Outcome.Wrong
            && outcome(i, "gpt-4-1106-preview", 0) instanceof Outcome.Correct)
        .findFirst().orElseThrow();

    ScoredAnswer small =
        scorer.score(new ItemTurn(item, 0), "sim-small", Optional.empty()).orElseThrow();
    ScoredAnswer frontier =
        scorer.score(new ItemTurn(item, 0), "sim-frontier", Optional.empty()).orElseThrow();

    assertThat(small.routed()).isEqualTo(0.0);
    assertThat(small.frontier()).isEqualTo(1.0);
    assertThat(frontier.routed()).isEqualTo(1.0);
  }

  @Test
  void mtBenchSecondTurn_scoresTheSecondTurnsGrade() {
    RecordedItem item = SETS.item(RecordedSet.MT_BENCH, "81").orElseThrow();
    double recorded =
        ((Outcome.Score) outcome(item, "Mixtral-8x7B-Instruct", 1)).value();

    ScoredAnswer scored =
        scorer.score(new ItemTurn(item, 1), "sim-small", Optional.empty()).orElseThrow();

    assertThat(scored.routed()).isEqualTo(recorded);
    assertThat(scored.set()).isEqualTo(RecordedSet.MT_BENCH);
  }

  @Test
  void unknownModel_isNotScored() {
    RecordedItem item = SETS.items(RecordedSet.GSM8K).getFirst();

    assertThat(scorer.score(new ItemTurn(item, 0), "some-other-model", Optional.empty()))
        .isEmpty();
  }

  @Test
  void recordedText_isScoredWithItsOutcome() {
    RecordedItem item = correctForBoth();
    String text = item.answer("Mixtral-8x7B-Instruct", 0).orElseThrow().text().orElseThrow();

    ScoredAnswer scored =
        scorer.score(new ItemTurn(item, 0), "sim-small", Optional.of(text)).orElseThrow();

    assertThat(scored.recordedAnswer()).isTrue();
    assertThat(scored.routed()).isEqualTo(1.0);
  }

  @Test
  void anotherQuestionsAnswer_scoresAsWrongNotWithTheRightAnswersOutcome() {
    RecordedItem item = correctForBoth();
    RecordedItem other = SETS.items(RecordedSet.GSM8K).stream()
        .filter(i -> !i.id().equals(item.id())).findFirst().orElseThrow();
    String othersAnswer =
        other.answer("Mixtral-8x7B-Instruct", 0).orElseThrow().text().orElseThrow();

    ScoredAnswer scored =
        scorer.score(new ItemTurn(item, 0), "sim-small", Optional.of(othersAnswer)).orElseThrow();

    assertThat(scored.recordedAnswer()).isFalse();
    assertThat(scored.routed()).isEqualTo(0.0);
    assertThat(scored.frontier()).isEqualTo(1.0);
  }

  @Test
  void anotherQuestionsAnswerInAGradedSet_getsTheLowestGrade() {
    RecordedItem item = SETS.item(RecordedSet.MT_BENCH, "81").orElseThrow();

    ScoredAnswer scored = scorer.score(new ItemTurn(item, 0), "sim-small",
        Optional.of("An answer to some other question.")).orElseThrow();

    assertThat(scored.recordedAnswer()).isFalse();
    assertThat(scored.routed()).isEqualTo(1.0);
  }

  private static RecordedItem correctForBoth() {
    return SETS.items(RecordedSet.GSM8K).stream()
        .filter(i -> outcome(i, "Mixtral-8x7B-Instruct", 0) instanceof Outcome.Correct
            && outcome(i, "gpt-4-1106-preview", 0) instanceof Outcome.Correct)
        .findFirst().orElseThrow();
  }

  private static Outcome outcome(RecordedItem item, String model, int turn) {
    return item.answer(model, turn).flatMap(a -> a.outcome()).orElseThrow();
  }
}
