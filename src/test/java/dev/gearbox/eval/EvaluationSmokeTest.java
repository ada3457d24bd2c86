package dev.gearbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.route.HashingEmbedder;
import dev.gearbox.route.PromptFeatures;
import dev.gearbox.route.PromptTraits;
import dev.gearbox.route.QualityTarget;
import dev.gearbox.route.RouterFile;
import dev.gearbox.route.RouterModel;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole evaluation and training on a small slice of GSM8K (the full run is a command). */
class EvaluationSmokeTest {
  @TempDir Path dir;

  private static RoutingDataset slice() {
    RoutingDataset gsm8k = Datasets.load("gsm8k", Optional.empty(), Optional.empty());
    return Datasets.sample(gsm8k, 200, 1);
  }

  @Test
  void smallSlice_reportsEveryPolicy_withBaselinesWhereTheyBelong() {
    EmbeddingCache cache = new EmbeddingCache(new HashingEmbedder(), Optional.of(dir));
    EvalReport report = new Evaluation(new Evaluation.Settings(5, 42, 50, 50))
        .run(slice(), cache, PricedPairs.bundled());
    assertThat(report.requests()).isEqualTo(200);
    assertThat(report.policies()).extracting(PolicyReport::name)
        .containsExactly("router", "router+embedding", "knn", "knn-soft", "length", "pipeline",
            "random", "oracle");
    assertThat(report.policy("random").orElseThrow().apgr()).isCloseTo(0.5, offset(1e-9));
    double oracle = report.policy("oracle").orElseThrow().apgr();
    for (PolicyReport p : report.policies()) {
      assertThat(p.apgr()).as(p.name()).isLessThanOrEqualTo(oracle);
    }
    assertThat(report.randomBand().low()).isLessThan(0.5);
    assertThat(report.notes()).anyMatch(n -> n.contains("only 200 labelled examples"));
    PolicyReport random = report.policy("random").orElseThrow();
    assertThat(random.points().get(0).frontierShare()).isCloseTo(0.5, offset(1e-9));
    assertThat(random.points().get(0).costSaved()).isBetween(0.3, 0.6);

    JsonNode json = ReportRendering.json(report);
    assertThat(json.path("router").path("apgr").isNumber()).isTrue();
    assertThat(json.path("oracle").path("share_for_95pct_quality").isNumber()).isTrue();
    assertThat(json.path("random").path("share_for_50pct_gap").asDouble())
        .isCloseTo(0.5, offset(1e-9));
    assertThat(ReportRendering.text(report)).contains("router").contains("random band");
  }

  @Test
  void embeddingsAreKeptOnDisk_andReadBackInsteadOfRecomputed() {
    RoutingDataset data = slice();
    HashingEmbedder first = new HashingEmbedder();
    float[][] computed = new EmbeddingCache(first, Optional.of(dir)).vectors(
        data.examples().stream().map(RoutingExample::prompt).toList());
    HashingEmbedder second = new HashingEmbedder();
    float[][] read = new EmbeddingCache(second, Optional.of(dir)).vectors(
        data.examples().stream().map(RoutingExample::prompt).toList());
    assertThat(first.calls()).isGreaterThanOrEqualTo(200);
    assertThat(second.calls()).isZero();
    assertThat(read[17]).containsExactly(computed[17]);
  }

  @Test
  void trainedRouter_isWrittenWithItsAnswerScorer_andReportsOnHeldOutData() {
    HashingEmbedder embedder = new HashingEmbedder();
    EmbeddingCache cache = new EmbeddingCache(embedder, Optional.empty());
    RouterTrainer.Result result = new RouterTrainer(new Evaluation.Settings(5, 42, 1, 1))
        .train(slice(), cache, new QualityTarget.QualityFloor(0.95), PromptFeatures.TERMS);
    Path file = dir.resolve("router.json");
    RouterFile.write(result.model(), file);
    RouterModel read = RouterFile.read(file);
    assertThat(read.answerModel()).isPresent();
    assertThat(read.embeddingModel()).isEqualTo("hashing-test");
    assertThat(read.features()).isEqualTo(PromptFeatures.TERMS);
    assertThat(embedder.calls()).as("a terms-only router needs no embedding").isZero();
    assertThat(result.report()).contains("held out: ").contains("on held-out data")
        .contains("prompt classifier reads: terms(1024) + traits")
        .contains("warning: only 200 labelled examples");
  }

  @Test
  void routerWithTheEmbedding_readsItBesideTheTerms() {
    HashingEmbedder embedder = new HashingEmbedder();
    EmbeddingCache cache = new EmbeddingCache(embedder, Optional.empty());
    RouterModel model = new RouterTrainer(new Evaluation.Settings(5, 42, 1, 1))
        .train(slice(), cache, new QualityTarget.QualityFloor(0.95),
            PromptFeatures.EMBEDDING_AND_TERMS).model();
    assertThat(embedder.calls()).isGreaterThanOrEqualTo(200);
    assertThat(model.promptModel().dimensions()).isEqualTo(embedder.dimensions()
        + PromptFeatures.EMBEDDING_AND_TERMS.termBuckets() + PromptTraits.NAMES.size());
  }
}
