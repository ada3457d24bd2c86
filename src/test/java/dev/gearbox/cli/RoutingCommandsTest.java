package dev.gearbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.route.RouterFile;
import dev.gearbox.route.RouterModel;
import dev.gearbox.wire.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gearbox eval --dataset} and {@code gearbox train-router} on a small file of traffic. */
class RoutingCommandsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs a command with its embeddings and reports kept in the test's folder. */
  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--cache-dir")) {
      all.addAll(List.of("--cache-dir", dir.resolve("cache").toString()));
    }
    if (all.getFirst().equals("eval")) {
      all.addAll(List.of("--report-dir", dir.resolve("report").toString()));
    }
    return cli.execute(all.toArray(String[]::new));
  }

  /** Sums are easy for both models; proofs only the big one gets right. */
  private Path traffic() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean hard = i % 3 == 0;
      String prompt = hard
          ? "Prove that the sum of the first " + i + " odd numbers is a perfect square."
          : "What is " + i + " plus " + (i + 3) + "?";
      lines.add(("{\"prompt\": \"%s\", \"outcomes\": {\"big\": 1, \"small\": %d},"
          + " \"answers\": {\"small\": \"The answer is %d.\"}}")
          .formatted(prompt, hard ? 0 : 1, 2 * i + 3));
    }
    Path file = dir.resolve("traffic.jsonl");
    Files.write(file, lines);
    return file;
  }

  @Test
  void evalOnAFile_printsOneJsonObjectPerPolicy() throws Exception {
    int exit = run("eval", "--dataset", traffic().toString(), "--json", "--bootstrap", "20",
        "--small-price", "sim-small", "--frontier-price", "sim-frontier",
        "--cache-dir", dir.resolve("cache").toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = Json.MAPPER.readTree(out.toString());
    assertThat(report.path("dataset").path("small_model").asText()).isEqualTo("small");
    for (String policy : List.of("router", "random", "oracle", "pipeline")) {
      assertThat(report.path(policy).path("apgr").isNumber()).as(policy).isTrue();
      assertThat(report.path(policy).has("share_for_80pct_gap")).as(policy).isTrue();
    }
    assertThat(report.path("router").path("apgr").asDouble()).isGreaterThan(0.7);
    assertThat(report.path("dataset").path("notes").toString()).contains("only 60 labelled");
  }

  @Test
  void unpricedModels_areAClearErrorNamingTheOptions() throws Exception {
    int exit = run("eval", "--dataset", traffic().toString(), "--cache-dir",
        dir.resolve("cache").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("no price for 'small'").contains("--small-price")
        .contains("one of: ").contains("gpt-4o").doesNotContain("Exception");
  }

  @Test
  void pricesOfTheConfiguration_priceTheTrafficsOwnModels() throws Exception {
    Path config = dir.resolve("gearbox.yaml");
    Files.writeString(config, """
        providers:
          - {name: local, kind: openai-compatible, base_url: "http://127.0.0.1:8000/v1"}
        models:
          - {alias: big, provider: local, tier: frontier}
          - {alias: small, provider: local, tier: small}
        prices:
          big: {input_per_million: "10", output_per_million: "30"}
          small: {input_per_million: "0.2", output_per_million: "0.6"}
        """);

    int exit = run("eval", "--dataset", traffic().toString(), "--json", "--bootstrap", "5",
        "--config", config.toString(), "--data-dir", dir.resolve("data").toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode random = Json.MAPPER.readTree(out.toString()).path("random");
    // half the requests on the frontier saves about half of its cost at these prices
    assertThat(random.at("/operating_points/gap_50/cost_saved").asDouble())
        .isBetween(0.40, 0.55);
  }

  @Test
  void priceFlags_takeTheBundledSetsModelNamesToo() throws Exception {
    int exit = run("eval", "--dataset", traffic().toString(), "--json", "--bootstrap", "5",
        "--small-price", "Mixtral-8x7B-Instruct", "--frontier-price", "gpt-4-1106-preview",
        "--cache-dir", dir.resolve("cache").toString());

    assertThat(exit).as(err.toString()).isZero();
  }

  @Test
  void setWhereTheSmallModelIsAsGood_saysThereIsNoGapToRecover() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add("{\"prompt\": \"Question " + i + "\", \"outcomes\": {\"big\": 1, \"small\": "
          + "1}}");
    }
    Path file = dir.resolve("tie.jsonl");
    Files.write(file, lines);

    int exit = run("eval", "--dataset", file.toString(), "--small", "small", "--frontier", "big",
        "--bootstrap", "5", "--small-price", "sim-small", "--frontier-price", "sim-frontier",
        "--cache-dir", dir.resolve("cache").toString());
    int trained = run("train-router", "--dataset", file.toString(), "--small", "small",
        "--frontier", "big", "--out", dir.resolve("r.json").toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(trained).as(err.toString()).isZero();
    assertThat(out.toString()).contains("no quality gap to recover: the small model scored"
        + " 1.000 and the frontier 1.000").contains("warning: no quality gap to recover");
  }

  @Test
  void trainRouter_writesARouterFile_andWarnsAboutTooFewExamples() throws Exception {
    Path router = dir.resolve("router.json");
    int exit = run("train-router", "--dataset", traffic().toString(), "--out", router.toString(),
        "--cache-dir", dir.resolve("cache").toString());

    assertThat(exit).as(err.toString()).isZero();
    RouterModel model = RouterFile.read(router);
    assertThat(model.embeddingModel()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(out.toString()).contains("held-out APGR").contains("warning: only 60");
  }
}
