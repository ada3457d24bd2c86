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
    float[] vector = new HashingEmbedder().embed("How many apples are left?");
    PromptTraits traits = PromptTraits.ofText("How many apples are left?", 1);
    assertThat(read.score(vector, traits)).isCloseTo(model.score(vector, traits),
        org.assertj.core.data.Offset.offset(1e-5));
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
  void bundledRouter_loadsAndIsSmall() throws Exception {
    RouterModel bundled = RouterFile.bundled();
    assertThat(bundled.embeddingModel()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(bundled.promptModel().dimensions()).isEqualTo(384 + PromptTraits.NAMES.size());
    assertThat(bundled.answerModel()).isPresent();
    try (var in = RouterFile.class.getResourceAsStream(RouterFile.BUNDLED)) {
      assertThat(in.readAllBytes().length).isLessThan(200_000);
    }
  }
}
