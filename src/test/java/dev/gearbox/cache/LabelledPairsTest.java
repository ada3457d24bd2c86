package dev.gearbox.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledPairsTest {
  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path file = dir.resolve("pairs.jsonl");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsThisFormat_quorasNames_stringAndBooleanLabels_pastAByteOrderMark() throws Exception {
    Path file = file("""
        \uFEFF{"text_a": " How do I reset my password? ", "text_b": "Resetting a password?", "label": 1}

        {"question1": "Capital of France?", "question2": "Capital of Spain?", "is_duplicate": "0"}
        {"text_a": "a", "text_b": "b", "label": true}
        """);

    assertThat(LabelledPairs.read(file)).containsExactly(
        new LabelledPairs.Pair("How do I reset my password?", "Resetting a password?", true),
        new LabelledPairs.Pair("Capital of France?", "Capital of Spain?", false),
        new LabelledPairs.Pair("a", "b", true));
  }

  @Test
  void badLines_andEmptyFiles_areNamedWithoutParserInternals() throws Exception {
    assertThatThrownBy(() -> LabelledPairs.read(file("text_a,text_b,label\nx,y,1\n")))
        .hasMessageContaining("line 1 is not valid JSON")
        .hasMessageNotContaining("Unrecognized token");
    assertThatThrownBy(() -> LabelledPairs.read(file(
        "{\"text_a\": \"x\", \"text_b\": \"y\", \"label\": 1}\n"
            + "{\"text_a\": \"x\", \"text_b\": \"y\", \"label\": 2}\n")))
        .hasMessageContaining("line 2: needs text_a, text_b (strings) and label (0 or 1)");
    assertThatThrownBy(() -> LabelledPairs.read(file("\n\n")))
        .hasMessageContaining("holds no pairs");
  }
}
