package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.sim.Outcome;
import dev.gearbox.sim.RecordedItem;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import java.util.Map;
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

    ScoredAnswer small = scorer.score(new ItemTurn(item, 0), "sim-small").orElseThrow();
    ScoredAnswer frontier = scorer.score(new ItemTurn(item, 0), "sim-frontier").orElseThrow();

    assertThat(small.routed()).isEqualTo(0.0);
    assertThat(small.frontier()).isEqualTo(1.0);
    assertThat(frontier.routed()).isEqualTo(1.0);
  }

  @Test
  void mtBenchSecondTurn_scoresTheSecondTurnsGrade() {
    RecordedItem item = SETS.item(RecordedSet.MT_BENCH, "81").orElseThrow();
    double recorded =
        ((Outcome.Score) outcome(item, "Mixtral-8x7B-Instruct", 1)).value();

    ScoredAnswer scored = scorer.score(new ItemTurn(item, 1), "sim-small").orElseThrow();

    assertThat(scored.routed()).isEqualTo(recorded);
    assertThat(scored.set()).isEqualTo(RecordedSet.MT_BENCH);
  }

  @Test
  void unknownModel_isNotScored() {
    RecordedItem item = SETS.items(RecordedSet.GSM8K).getFirst();

    assertThat(scorer.score(new ItemTurn(item, 0), "some-other-model")).isEmpty();
  }

  private static Outcome outcome(RecordedItem item, String model, int turn) {
    return item.answer(model, turn).flatMap(a -> a.outcome()).orElseThrow();
  }
}
