package dev.gearbox.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterFileTest {
  @TempDir Path dir;

  @Test
  void writtenRouter_readsBackWithTheSameScores() {
    RouterModel model = Routers.byLength(200, new double[] {0.2, 0.4, 0.6, 0.8});
    Path file = dir.resolve("router.json");
    RouterFile.write(model, file);
    RouterModel read = RouterFile.read(file);
    String text = "How many apples are left?";
    PromptTraits traits = PromptTraits.ofText(text, 1);
    assertThat(read.score(text, traits, () -> new float[0]))
        .isCloseTo(model.score(text, traits, () -> new float[0]),
            org.assertj.core.data.Offset.offset(1e-5));
    assertThat(read.features()).isEqualTo(model.features());
    assertThat(read.calibration().threshold(new QualityTarget.FrontierShare(0.5)).value())
        .isEqualTo(0.5);
    assertThat(read.embeddingModel()).isEqualTo("hashing-test");
  }

  @Test
  void fileOfAnotherFormat_isRefusedWithAdvice() throws Exception {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"weights\": [1, 2]}");
    assertThatThrownBy(() -> RouterFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train-router");
  }

  @Test
  void fileOfTheFirstFormat_isReadAsEmbeddingAndTraits() throws Exception {
    int d = 4 + PromptTraits.NAMES.size();
    String zeros = "[" + String.join(",", java.util.Collections.nCopies(d, "0")) + "]";
    String ones = "[" + String.join(",", java.util.Collections.nCopies(d, "1")) + "]";
    Path file = dir.resolve("v1.json");
    Files.writeString(file, """
        {"format": "gearbox-router/1", "embedding_model": "hashing-test", "trained_on": "old",
         "prompt_model": {"bias": 0, "weights": %s, "means": %s, "scales": %s},
         "calibration": {"scores": [0.5], "small_quality": [1], "frontier_quality": [1]}}
        """.formatted(ones, zeros, ones));
    RouterModel read = RouterFile.read(file);
    assertThat(read.features()).isEqualTo(PromptFeatures.EMBEDDING_ONLY);
    float[] vector = {0.5f, 0.5f, 0.5f, 0.5f};
    double expected = 1 / (1 + Math.exp(-(4 * 0.5 * RouterFeatures.EMBEDDING_SCALE
        + java.util.Arrays.stream(PromptTraits.ofText("hi", 1).features()).sum())));
    assertThat(read.score("hi", PromptTraits.ofText("hi", 1), () -> vector))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void weightsThatDoNotFitTheFeatures_areRefused() {
    LogisticModel tooFew = new LogisticModel(new double[10], 0, new double[10], new double[10]);
    assertThatThrownBy(() -> new RouterModel("m", PromptFeatures.TERMS, "t", tooFew,
        new Calibration(new double[] {0.5}, new double[] {1}, new double[] {1}),
        java.util.Optional.empty(), java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("terms(1024) + traits");
  }

  @Test
  void bundledRouter_loadsAndIsSmall() throws Exception {
    RouterModel bundled = RouterFile.bundled();
    assertThat(bundled.embeddingModel()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(bundled.features()).isEqualTo(PromptFeatures.TERMS);
    assertThat(bundled.promptModel().dimensions())
        .isEqualTo(PromptTerms.DEFAULT_BUCKETS + PromptTraits.NAMES.size());
    assertThat(bundled.answerModel()).isPresent();
    try (var in = RouterFile.class.getResourceAsStream(RouterFile.BUNDLED)) {
      assertThat(in.readAllBytes().length).isLessThan(200_000);
    }
  }
}
