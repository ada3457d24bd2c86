package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedSetsTest {
  private final RecordedSets sets = RecordedSets.bundled();

  @Test
  void everySet_hasItsDocumentedSize() {
    assertThat(sets.items(RecordedSet.GSM8K)).hasSize(1_319);
    assertThat(sets.items(RecordedSet.MT_BENCH)).hasSize(80);
    assertThat(sets.items(RecordedSet.ARENA)).hasSize(300);
    assertThat(sets.items(RecordedSet.MMLU_PRO)).hasSize(12_032);
  }

  @Test
  void gsm8k_keepsBothAnswersVerbatimWithCorrectness() {
    RecordedItem first = sets.item(RecordedSet.GSM8K, "0").orElseThrow();

    assertThat(first.prompt()).startsWith("Janet’s ducks lay 16 eggs per day.");
    RecordedAnswer gpt4 = first.answer("gpt-4-1106-preview", 0).orElseThrow();
    assertThat(gpt4.text().orElseThrow())
        .startsWith("Janet uses 3 eggs for breakfast and 4 for baking muffins")
        .endsWith("she makes 9 * $2 = $18 every day at the farmers' market.");
    assertThat(gpt4.outcome()).contains(Outcome.CORRECT);
    assertThat(first.answer("Mixtral-8x7B-Instruct", 0).orElseThrow().text().orElseThrow())
        .contains("#### 18");
  }

  @Test
  void gsm8k_accuracyMatchesTheSourceReadme() {
    List<RecordedItem> items = sets.items(RecordedSet.GSM8K);

    assertThat(accuracy(items, "gpt-4-1106-preview")).isCloseTo(0.857, within());
    assertThat(accuracy(items, "Mixtral-8x7B-Instruct")).isCloseTo(0.638, within());
  }

  @Test
  void mtBench_extractsBothTurnsOfBothModelsFromTheJudgePrompts() {
    RecordedItem travel = sets.item(RecordedSet.MT_BENCH, "81").orElseThrow();

    assertThat(travel.turns()).hasSize(2);
    assertThat(travel.turns().get(1)).startsWith("Rewrite your previous response.");
    assertThat(travel.category()).isEqualTo("writing");
    for (String model : List.of("gpt-4-1106-preview", "Mixtral-8x7B-Instruct")) {
      for (int turn = 0; turn < 2; turn++) {
        RecordedAnswer answer = travel.answer(model, turn).orElseThrow();
        assertThat(answer.text().orElseThrow())
            .isNotBlank()
            .doesNotContain("### User:", "[The End of Assistant's Answer]", "<|The End");
        assertThat(answer.outcome().orElseThrow()).isInstanceOf(Outcome.Score.class);
      }
    }
    assertThat(travel.answer("Mixtral-8x7B-Instruct", 1).orElseThrow().text().orElseThrow())
        .startsWith(" Aloha, fellow travelers!");
  }

  @Test
  void mtBench_meanScoresMatchTheSourceReadme() {
    assertThat(meanScore(sets.items(RecordedSet.MT_BENCH), "gpt-4-1106-preview"))
        .isCloseTo(9.23, within());
    assertThat(meanScore(sets.items(RecordedSet.MT_BENCH), "Mixtral-8x7B-Instruct"))
        .isCloseTo(8.34, within());
  }

  @Test
  void mmluPro_hasOutcomesAndLengthsButNoText() {
    RecordedItem item = sets.items(RecordedSet.MMLU_PRO).getFirst();
    RecordedAnswer answer = item.answer("gpt-4o", 0).orElseThrow();

    assertThat(answer.text()).isEmpty();
    assertThat(answer.lengthChars()).isPositive();
    assertThat(answer.outcome()).isPresent();
    assertThat(sets.models(RecordedSet.MMLU_PRO))
        .hasSize(31)
        .contains("Llama-3.1-8B-Instruct", "Mixtral-8x7B-Instruct", "gpt-4o");
    assertThat(accuracy(sets.items(RecordedSet.MMLU_PRO), "gpt-4o")).isCloseTo(0.721, within());
  }

  @Test
  void arena_gradesSixteenModelsAndKeepsLengthsOfEighteen() {
    RecordedItem item =
        sets.item(RecordedSet.ARENA, "66c00ddde3dc4128a14d6afd5e899342").orElseThrow();

    assertThat(item.answer("gpt-4-1106-preview", 0).orElseThrow().outcome())
        .contains(new Outcome.Score(10));
    assertThat(item.answer("gpt-4-1106-preview", 0).orElseThrow().lengthChars()).isEqualTo(1938);
    assertThat(item.answer("vicuna-7b-v1.5", 0).orElseThrow().outcome()).isEmpty();
    assertThat(sets.models(RecordedSet.ARENA)).hasSize(18);
  }

  @Test
  void modelIn_ignoresCaseAndUsesTheDocumentedStandIn() {
    assertThat(sets.modelIn(RecordedSet.MMLU_PRO, "gpt-4-1106-preview")).contains("gpt-4o");
    assertThat(sets.modelIn(RecordedSet.MMLU_PRO, "LLAMA-3.1-8B-instruct"))
        .contains("Llama-3.1-8B-Instruct");
    assertThat(sets.modelIn(RecordedSet.GSM8K, "mistralai/Mixtral-8x7B-Instruct-v0.1"))
        .contains("Mixtral-8x7B-Instruct");
    assertThat(sets.modelIn(RecordedSet.GSM8K, "Llama-3.1-8B-Instruct")).isEmpty();
    assertThat(sets.isRecorded("no-such-model")).isFalse();
  }

  private static double accuracy(List<RecordedItem> items, String model) {
    return items.stream()
        .flatMap(i -> i.answer(model, 0).flatMap(RecordedAnswer::outcome).stream())
        .mapToDouble(o -> o instanceof Outcome.Correct ? 1 : 0)
        .average()
        .orElseThrow();
  }

  private static double meanScore(List<RecordedItem> items, String model) {
    return items.stream()
        .flatMap(i -> i.answers().get(model).stream())
        .mapToDouble(a -> ((Outcome.Score) a.outcome().orElseThrow()).value())
        .average()
        .orElseThrow();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.006);
  }
}
