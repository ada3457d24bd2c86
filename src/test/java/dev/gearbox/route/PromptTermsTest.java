package dev.gearbox.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PromptTermsTest {
  private static double norm(double[] v) {
    return Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
  }

  private static double dot(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }

  @Test
  void anyPromptWithWords_isAUnitVectorOfTheAskedLength() {
    double[] v = PromptTerms.of("How many clips did Natalia sell in April and May?", 1024);
    assertThat(v).hasSize(1024);
    assertThat(norm(v)).isCloseTo(1.0, Offset.offset(1e-9));
  }

  @Test
  void promptWithoutWords_isTheZeroVector() {
    assertThat(norm(PromptTerms.of("  ?!  ", 64))).isZero();
    assertThat(norm(PromptTerms.of("", 64))).isZero();
  }

  @Test
  void caseAndPunctuation_doNotChangeTheVector() {
    assertThat(PromptTerms.of("Solve: x + 1 = 3!", 256))
        .containsExactly(PromptTerms.of("solve x 1 3", 256));
  }

  @Test
  void wordOrder_mattersThroughWordPairs() {
    double[] a = PromptTerms.of("dog bites man", 4096);
    double[] b = PromptTerms.of("man bites dog", 4096);
    assertThat(dot(a, b)).isLessThan(0.9).isGreaterThan(0.3);
  }

  @Test
  void everyWordCounts_evenFarPastAnEmbeddingWindow() {
    String head = "Tell me about the history of Rome. ".repeat(100);
    assertThat(PromptTerms.of(head + "Then write Python code.", 1024))
        .isNotEqualTo(PromptTerms.of(head + "Then write a poem.", 1024));
  }

  @Test
  void sameText_sameVector_acrossCalls() {
    String text = "Explain quantum tunnelling to a ten-year-old. 数学 も";
    assertThat(PromptTerms.of(text, 512)).containsExactly(PromptTerms.of(text, 512));
  }

  @Test
  void noBuckets_isRefused() {
    assertThatThrownBy(() -> PromptTerms.of("x", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
