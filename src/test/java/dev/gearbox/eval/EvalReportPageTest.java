package dev.gearbox.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.report.ReportFiles;
import dev.gearbox.route.HashingEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing evaluation's HTML report, on a small slice of GSM8K. */
class EvalReportPageTest {
  @TempDir static Path dir;
  private static ReportFiles files;
  private static String page;

  @BeforeAll
  static void evaluateAndWrite() throws Exception {
    RoutingDataset slice = Datasets.sample(
        Datasets.load("gsm8k", Optional.empty(), Optional.empty()), 200, 1);
    EvalReport report = new Evaluation(new Evaluation.Settings(5, 42, 20, 20)).run(slice,
        new EmbeddingCache(new HashingEmbedder(), Optional.empty()), PricedPairs.bundled());
    files = EvalReportPage.write(report, dir.resolve("report"));
    page = Files.readString(files.html());
  }

  @Test
  void report_holdsTheCurvesOfRouterRandomAndOracle() {
    assertThat(files.html().getFileName().toString()).startsWith("eval-gsm8k");
    assertThat(page).contains("\"label\":\"router\"", "\"label\":\"random\"",
        "\"label\":\"oracle\"");
    assertThat(page).containsPattern("<canvas id=\"gsm8k[a-z0-9-]*-cost-quality\"");
    assertThat(page).containsPattern("<canvas id=\"gsm8k[a-z0-9-]*-frontier-share\"");
  }

  @Test
  void policyTable_showsApgrOfEveryPolicy() {
    assertThat(page).contains("<th>APGR</th>", "<td>router</td>", "<td>oracle</td>");
  }

  @Test
  void everyChart_isAlsoAReadablePng() throws Exception {
    assertThat(files.charts()).hasSize(2);
    for (Path png : files.charts()) {
      assertThat(ImageIO.read(png.toFile())).as(png.toString()).isNotNull();
    }
  }

  @Test
  void datasetFileNames_becomeChartIds() {
    assertThat(EvalReportPage.slug("/tmp/My Traffic.2026.jsonl")).isEqualTo("my-traffic-2026");
    assertThat(EvalReportPage.slug("mt-bench")).isEqualTo("mt-bench");
    assertThat(EvalReportPage.slug("***")).isEqualTo("dataset");
  }
}
