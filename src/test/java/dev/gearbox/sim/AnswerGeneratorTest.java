package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerGeneratorTest {
  private final AnswerGenerator generator = ReplayData.bundled().generator();

  @Test
  void sameModelAndSeed_giveTheSameText() {
    long seed = Seeds.of("generated", "gpt-4-1106-preview", "What is a monad?");

    assertThat(generator.generate("gpt-4-1106-preview", seed))
        .isEqualTo(generator.generate("gpt-4-1106-preview", seed))
        .isNotEqualTo(generator.generate("gpt-4-1106-preview", seed + 1));
  }

  @Test
  void generatedText_isMadeOfTheModelsOwnRecordedSentences() {
    Set<String> recorded = new HashSet<>();
    for (RecordedSet set : List.of(RecordedSet.GSM8K, RecordedSet.MT_BENCH)) {
      for (RecordedItem item : RecordedSets.bundled().items(set)) {
        for (int t = 0; t < item.turns().size(); t++) {
          item.answer("Mixtral-8x7B-Instruct", t)
              .flatMap(RecordedAnswer::text)
              .ifPresent(text -> recorded.addAll(AnswerGenerator.sentences(text)));
        }
      }
    }

    String text = generator.generate("Mixtral-8x7B-Instruct", 12345L);

    assertThat(AnswerGenerator.sentences(text))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(recorded).contains(s));
  }

  @Test
  void generatedLength_followsTheModelsRecordedLengths() {
    int total = 0;
    for (long seed = 0; seed < 40; seed++) {
      total += generator.generate("gpt-4-1106-preview", seed).length();
    }

    // gpt-4-1106-preview's recorded answers average roughly 1,000 characters across the sets.
    assertThat(total / 40).isBetween(200, 4_000);
  }

  @Test
  void placeholder_hasExactlyTheRecordedLength() {
    for (int length : new int[] {1, 17, 220, 1938, 7000}) {
      assertThat(generator.placeholder("gpt-4o", length, length)).hasSize(length);
    }
    assertThat(generator.placeholder("gpt-4o", 1, 0)).isEmpty();
  }

  @Test
  void sentences_splitLinesAndSentenceEnds() {
    assertThat(AnswerGenerator.sentences("One. Two!\n\n**Three:** four: five\n#### 18"))
        .containsExactly("One.", "Two!", "**Three:** four:", "five", "#### 18");
  }
}
