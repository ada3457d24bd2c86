package dev.gearbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void compressionJson_reportsReductionAndFactsKeptPerMethod() throws Exception {
    int exit = run("eval", "--compression", "--json", "--runs", "4", "--min-tokens", "2500",
        "--data-dir", dataDir.toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = Json.MAPPER.readTree(out.toString());
    assertThat(report.path("target_model").asText()).isEqualTo("sim-frontier");
    assertThat(report.path("dataset").asText()).contains("4 runs");
    assertThat(report.path("methods")).hasSize(2);
    for (JsonNode method : report.path("methods")) {
      assertThat(method.path("token_reduction").path("mean").asDouble()).isGreaterThan(1.0);
      assertThat(method.path("facts_kept").asDouble()).isGreaterThanOrEqualTo(0.99);
    }
  }

  @Test
  void oneMethod_asATable() {
    int exit = run("eval", "--compression", "--method", "extractive", "--runs", "2",
        "--min-tokens", "2500", "--data-dir", dataDir.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Context compression on", "extractive", "facts kept")
        .doesNotContain("summary calls");
  }

  @Test
  void nothingChosen_isAUsageError() {
    int exit = run("eval", "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("choose what to evaluate: --compression");
  }

  @Test
  void unknownMethod_isRefusedNamingTheChoices() {
    int exit = run("eval", "--compression", "--method", "abstractive");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("'abstractive' is not a compression method");
  }
}
