package dev.gearbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gearbox cache-eval} on a small labelled file, through the real command line. */
class CacheEvalCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static String pair(String a, String b, int label) {
    return Json.MAPPER.createObjectNode().put("text_a", a).put("text_b", b).put("label", label)
        .toString();
  }

  @Test
  void json_reportsGuardedFiguresAtTheTop_andUnguardedBeside() throws Exception {
    Path pairs = dir.resolve("pairs.jsonl");
    Files.writeString(pairs, String.join("\n",
        pair("What is the capital of France?", "What's the capital of France?", 1),
        pair("How much does a 3 bedroom apartment cost in Boston?",
            "How much does a 4 bedroom apartment cost in Boston?", 0),
        pair("How do I bake sourdough bread?", "What is the tallest mountain in Europe?", 0)));

    int exit = run("cache-eval", "--pairs", pairs.toString(), "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = Json.MAPPER.readTree(out.toString());
    assertThat(report.path("threshold").asDouble()).isBetween(0.85, 0.95);
    assertThat(report.path("hit_rate_on_duplicates").asDouble()).isEqualTo(1.0);
    assertThat(report.path("false_hit_rate").asDouble()).isZero();
    assertThat(report.path("non_duplicate_hit_rate").asDouble()).isZero();
    assertThat(report.path("unguarded").path("false_hit_rate").asDouble()).isEqualTo(0.5);
    assertThat(report.path("unguarded").path("non_duplicate_hit_rate").asDouble())
        .isEqualTo(0.5);
    assertThat(report.path("guard_refusals").path("numbers").asInt()).isEqualTo(1);
    assertThat(report.path("per_pair").path("hit_rate_on_duplicates").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aMalformedLine_isNamed() throws Exception {
    Path pairs = dir.resolve("bad.jsonl");
    Files.writeString(pairs, pair("a", "b", 1) + "\n{\"text_a\": 3}\n");

    int exit = run("cache-eval", "--pairs", pairs.toString());

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("line 2");
  }
}
