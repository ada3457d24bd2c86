package dev.gearbox.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.embed.Embedder;
import org.junit.jupiter.api.Test;

class PromptVectorTest {
  @Test
  void shortPrompt_isOneEmbedding() {
    HashingEmbedder embedder = new HashingEmbedder();
    float[] v = PromptVector.of(embedder, "What is the capital of France?");
    assertThat(embedder.calls()).isEqualTo(1);
    assertThat(Embedder.cosine(v, embedder.embed("What is the capital of France?")))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void longPromptsSharingAnOpening_stillDifferByTheirEnds() {
    HashingEmbedder embedder = new HashingEmbedder();
    String context = "The quarterly report covers revenue, costs and headcount. ".repeat(20);
    float[] a = PromptVector.of(embedder, context + "Summarise the revenue trend.");
    float[] b = PromptVector.of(embedder, context + "Translate the headcount table to French.");
    assertThat(embedder.calls()).isEqualTo(4);
    assertThat(Embedder.cosine(a, b)).isLessThan(0.999);
    double norm = 0;
    for (float x : a) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }
}
