package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptIndexTest {
  private static final RecordedSets SETS = RecordedSets.bundled();
  private final PromptIndex index = ReplayData.bundled().index();

  @Test
  void exactPrompt_findsTheModelsRecordedAnswer() {
    RecordedItem item = SETS.items(RecordedSet.GSM8K).get(5);

    RecordedMatch match = index.find(List.of(item.prompt()), "gpt-4-1106-preview").orElseThrow();

    assertThat(match.item()).isEqualTo(item);
    assertThat(match.answer()).isEqualTo(item.answer("gpt-4-1106-preview", 0).orElseThrow());
    assertThat(match.source()).isEqualTo("recorded:gsm8k:5");
  }

  @Test
  void reflowedPrompt_matchesAfterWhitespaceNormalisation() {
    RecordedItem item = SETS.items(RecordedSet.GSM8K).get(5);
    String reflowed = "\t" + item.prompt().replace(" ", " \n ") + "  ";

    assertThat(index.find(List.of(reflowed), "gpt-4-1106-preview")).isPresent();
  }

  @Test
  void changedWording_doesNotMatch() {
    RecordedItem item = SETS.items(RecordedSet.GSM8K).get(5);

    assertThat(index.find(List.of(item.prompt() + " Explain."), "gpt-4-1106-preview")).isEmpty();
  }

  @Test
  void mtBenchSecondTurn_matchesOnlyAfterItsFirstTurn() {
    RecordedItem item = SETS.item(RecordedSet.MT_BENCH, "81").orElseThrow();

    RecordedMatch match = index.find(item.turns(), "Mixtral-8x7B-Instruct").orElseThrow();

    assertThat(match.turnIndex()).isEqualTo(1);
    assertThat(match.source()).isEqualTo("recorded:mt-bench:81/turn-2");
    assertThat(index.find(List.of(item.turns().get(1)), "Mixtral-8x7B-Instruct")).isEmpty();
    assertThat(
            index.find(
                List.of("Tell me about Paris.", item.turns().get(1)), "Mixtral-8x7B-Instruct"))
        .isEmpty();
  }

  @Test
  void modelWithoutRecordingInTheSet_isNotMatched() {
    RecordedItem item = SETS.items(RecordedSet.GSM8K).get(5);

    assertThat(index.find(List.of(item.prompt()), "Llama-3.1-8B-Instruct")).isEmpty();
  }

  @Test
  void mmluQuestion_forFrontierModel_usesTheGpt4oStandIn() {
    RecordedItem item = SETS.items(RecordedSet.MMLU_PRO).get(100);

    RecordedMatch match = index.find(List.of(item.prompt()), "gpt-4-1106-preview").orElseThrow();

    assertThat(match.model()).isEqualTo("gpt-4o");
    assertThat(match.item().set()).isEqualTo(RecordedSet.MMLU_PRO);
  }
}
