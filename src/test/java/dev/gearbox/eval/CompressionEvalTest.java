package dev.gearbox.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.compress.AgentTraces;
import dev.gearbox.compress.CompressionMethod;
import dev.gearbox.compress.Trajectory;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.embed.Embedder;
import dev.gearbox.provider.ModelSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both methods on a few recorded runs, with the simulator's small model writing summaries. */
class CompressionEvalTest {
  private static final int THRESHOLD = 2500;
  @TempDir static Path dataDir;
  private static CompressionReport report;
  private static List<Trajectory> runs;

  @BeforeAll
  static void run() {
    GatewayConfig config = new ConfigLoader(name -> Optional.empty()).loadEmbeddedDefault(dataDir);
    ModelSpec frontier = config.model("sim-frontier").orElseThrow();
    runs = AgentTraces.bundled().trajectories().subList(0, 8);
    Embedder embedder = Embedder.miniLm();
    try (ProviderSummariser small = ProviderSummariser.start(config, name -> Optional.empty(),
        Clock.systemUTC())) {
      report = new CompressionEval(runs, frontier,
          config.compression().withMinPromptTokens(THRESHOLD), () -> embedder,
          (model, tokens) -> BigDecimal.valueOf(tokens).movePointLeft(5), small)
          .run(List.of(CompressionMethod.EXTRACTIVE, CompressionMethod.SUMMARY));
    }
  }

  private static long callsOver(long tokens) {
    TokenCounter counter = TokenCounter.cl100k();
    return runs.stream().flatMap(t -> t.calls().stream())
        .filter(c -> counter.countPrompt(c) > tokens).count();
  }

  @Test
  void everyCallOverTheThreshold_isMeasured_perMethodAndSize() {
    assertThat(report.methods()).extracting(MethodResult::method)
        .containsExactly(CompressionMethod.EXTRACTIVE, CompressionMethod.SUMMARY);
    for (MethodResult method : report.methods()) {
      assertThat(method.buckets()).extracting(SizeBucket::overTokens)
          .containsExactly(2500L, 4000L, 6000L, 8000L);
      for (SizeBucket bucket : method.buckets()) {
        assertThat(bucket.calls()).isEqualTo(callsOver(bucket.overTokens()));
      }
    }
  }

  @Test
  void bothMethods_shrinkPromptsAndKeepTheFactsNeededLater() {
    for (MethodResult method : report.methods()) {
      SizeBucket all = method.overall();
      assertThat(all.compressed()).isPositive();
      assertThat(all.tokensAfterMean()).isLessThan(all.tokensBeforeMean());
      assertThat(all.tokenReduction().mean()).isGreaterThan(1.2);
      assertThat(all.tokenReduction().p95()).isGreaterThanOrEqualTo(all.tokenReduction().p50());
      assertThat(all.factsNeeded()).isGreaterThan(50);
      assertThat(all.factsKeptShare()).isGreaterThanOrEqualTo(0.99);
      assertThat(all.savedUsdPerCall()).isPositive();
    }
  }

  @Test
  void onlyTheSummaryMethod_paysTheSmallTier() {
    assertThat(report.methods().get(0).summaryCalls()).isZero();
    assertThat(report.methods().get(1).summaryCalls()).isPositive();
    assertThat(report.methods().get(1).summaryCostUsd()).isPositive();
  }

  @Test
  void json_namesTheReductionAndTheFactsKept() {
    JsonNode json = CompressionReportRendering.json(report);

    JsonNode extractive = json.path("methods").get(0);
    assertThat(extractive.path("method").asText()).isEqualTo("extractive");
    assertThat(extractive.path("token_reduction").path("mean").asDouble()).isGreaterThan(1.2);
    assertThat(extractive.path("token_reduction").has("p50")).isTrue();
    assertThat(extractive.path("token_reduction").has("p95")).isTrue();
    assertThat(extractive.path("facts_kept").asDouble()).isBetween(0.99, 1.0);
    assertThat(extractive.path("by_size")).hasSize(4);
    assertThat(json.path("min_prompt_tokens").asInt()).isEqualTo(THRESHOLD);
  }

  @Test
  void table_showsEachMethodAndSize() {
    String table = CompressionReportRendering.table(report);

    assertThat(table).contains("extractive", "summary", "facts kept", "2500", "8000");
  }
}
