package dev.gearbox.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbedderTest {
  private static Embedder embedder;

  @BeforeAll
  static void load() {
    embedder = Embedder.miniLm();
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }

  @Test
  void vectorsAreUnitLengthWith384Dimensions() {
    float[] vector = embedder.embed("How do I reset my password?");

    assertThat(vector).hasSize(384);
    assertThat(embedder.dimensions()).isEqualTo(384);
    assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void paraphrasesAreCloserThanUnrelatedQuestions() {
    float[] question = embedder.embed("How do I reset my password?");
    float[] paraphrase = embedder.embed("What are the steps to change my forgotten password?");
    float[] unrelated = embedder.embed("What is the boiling point of water at sea level?");

    assertThat(Embedder.cosine(question, paraphrase))
        .isGreaterThan(Embedder.cosine(question, unrelated) + 0.2);
  }

  @Test
  void sameTextGivesTheSameVector() {
    assertThat(embedder.embed("deterministic")).containsExactly(embedder.embed("deterministic"));
  }

  @Test
  void emptyTextStillEmbeds() {
    assertThat(embedder.embed("")).hasSize(384);
  }
}
