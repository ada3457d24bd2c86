package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassageTest {

  @Test
  void splitsSentencesAndLines_joiningShortFragmentsToTheNextPiece() {
    Passage passage = Passage.of("Here are the flights you asked for today.\n1. **HAT069**\n"
        + "- Departure at six in the morning.\nPlease tell me which one you want.");

    assertThat(passage.size()).isEqualTo(3);
    assertThat(passage.piece(1)).isEqualTo("1. **HAT069**\n- Departure at six in the morning.");
  }

  @Test
  void keeping_marksLeftOutRunsWithAnEllipsis() {
    Passage passage = Passage.of("First sentence is here. Second sentence is here."
        + " Third sentence is here. Fourth sentence is here.");

    assertThat(passage.keeping(List.of(1, 2))).isEqualTo(
        "… Second sentence is here. Third sentence is here. …");
    assertThat(passage.keeping(List.of(0, 3))).isEqualTo(
        "First sentence is here. … Fourth sentence is here.");
  }

  @Test
  void longRuns_areCutSoTheEmbeddingModelReadsThemWhole() {
    String words = "word ".repeat(Passage.MAX_WORDS * 2 + 5).strip();

    Passage passage = Passage.of(words);

    assertThat(passage.size()).isEqualTo(3);
    assertThat(passage.piece(0).split(" ")).hasSize(Passage.MAX_WORDS);
  }
}
