package dev.gearbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDatasetFormatTest {
  @TempDir Path dir;

  private Path file(String... lines) throws Exception {
    Path file = dir.resolve("traffic.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void twoModels_theWeakerIsSmall_andAnswersAndTokensAreRead() throws Exception {
    Path file = file(
        "{\"id\": \"a\", \"prompt\": \"2+2?\", \"outcomes\": {\"big\": 1, \"tiny\": 1},"
            + " \"answers\": {\"tiny\": \"4\"}, \"output_tokens\": {\"big\": 12}}",
        "",
        "{\"prompt\": \"Prove it.\", \"turn\": 2, \"group\": \"c1\","
            + " \"outcomes\": {\"big\": true, \"tiny\": false}}");
    RoutingDataset data = Datasets.load(file.toString(), Optional.empty(), Optional.empty());
    assertThat(data.smallModel()).isEqualTo("tiny");
    assertThat(data.frontierModel()).isEqualTo("big");
    assertThat(data.size()).isEqualTo(2);
    RoutingExample first = data.examples().get(0);
    assertThat(first.answer("tiny")).contains("4");
    assertThat(first.outputTokens("big")).hasValue(12);
    assertThat(first.outputTokens("tiny")).hasValue(1);
    RoutingExample second = data.examples().get(1);
    assertThat(second.id()).isEqualTo("3");
    assertThat(second.group()).isEqualTo("c1");
    assertThat(second.turn()).isEqualTo(2);
    assertThat(data.smallSuffices(0)).isTrue();
    assertThat(data.smallSuffices(1)).isFalse();
    assertThat(data.hasSmallAnswers()).isFalse();
  }

  @Test
  void missingPrompt_namesTheLine() throws Exception {
    Path file = file("{\"outcomes\": {\"a\": 1, \"b\": 0}}");
    assertThatThrownBy(() -> Datasets.load(file.toString(), Optional.empty(), Optional.empty()))
        .hasMessageContaining("line 1").hasMessageContaining("prompt");
  }

  @Test
  void threeModels_withoutNames_asksForThePair() throws Exception {
    Path file = file("{\"prompt\": \"x\", \"outcomes\": {\"a\": 1, \"b\": 0, \"c\": 1}}");
    assertThatThrownBy(() -> Datasets.load(file.toString(), Optional.empty(), Optional.empty()))
        .hasMessageContaining("--small").hasMessageContaining("--frontier");
    RoutingDataset data = Datasets.load(file.toString(), Optional.of("b"), Optional.of("c"));
    assertThat(data.smallSuffices(0)).isFalse();
  }

  @Test
  void byteOrderMark_isNotPartOfTheFirstLine() throws Exception {
    Path file = file("\uFEFF{\"prompt\": \"x\", \"outcomes\": {\"a\": 1, \"b\": 0}}");
    RoutingDataset data = Datasets.load(file.toString(), Optional.empty(), Optional.empty());
    assertThat(data.examples().getFirst().prompt()).isEqualTo("x");
  }

  @Test
  void emptyFile_andNonJsonLine_sayWhatTheFormatIs() throws Exception {
    Path empty = file("", "  ");
    assertThatThrownBy(() -> Datasets.load(empty.toString(), Optional.empty(), Optional.empty()))
        .hasMessageContaining("no examples").hasMessageContaining("one JSON object per line");
    Path array = file("[{\"prompt\": \"x\",", "\"outcomes\": {\"a\": 1}}]");
    assertThatThrownBy(() -> Datasets.load(array.toString(), Optional.empty(), Optional.empty()))
        .hasMessageContaining("line 1 is not valid JSON")
        .hasMessageContaining("one JSON object per line");
  }

  @Test
  void tooFewExamplesToCrossValidate_isRefusedWithTheCount() throws Exception {
    Path file = file(
        "{\"prompt\": \"x\", \"outcomes\": {\"a\": 1, \"b\": 0}}",
        "{\"prompt\": \"y\", \"outcomes\": {\"a\": 1}}",
        "{\"prompt\": \"z\", \"group\": \"g\", \"outcomes\": {\"a\": 1, \"b\": 1}}",
        "{\"prompt\": \"w\", \"group\": \"g\", \"outcomes\": {\"a\": 0, \"b\": 1}}");
    RoutingDataset data = Datasets.load(file.toString(), Optional.of("b"), Optional.of("a"));

    assertThatThrownBy(() -> CrossValidation.requireEnough(data, 5))
        .hasMessageContaining("has 2 usable examples")
        .hasMessageContaining("needs at least 10");
    CrossValidation.requireEnough(data, 1);
  }

  @Test
  void neitherBundledNorAFile_listsTheBundledNames() {
    assertThatThrownBy(() -> Datasets.load("gsm9k", Optional.empty(), Optional.empty()))
        .hasMessageContaining("gsm8k, mt-bench, arena, mmlu-pro");
  }

  @Test
  void bundledMtBench_hasTwoTurnsPerQuestion_inOneGroup() {
    RoutingDataset data = Datasets.load("mt-bench", Optional.empty(), Optional.empty());
    assertThat(data.size()).isEqualTo(160);
    assertThat(data.examples().get(0).group()).isEqualTo(data.examples().get(1).group());
    assertThat(data.examples().get(1).turn()).isEqualTo(2);
    assertThat(data.hasSmallAnswers()).isTrue();
  }
}
