package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTextTest {

  private static DemoSummary summary(Optional<String> audit) {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    kinds.put("GSM8K maths", 120);
    kinds.put("MT-Bench chat", 60);
    kinds.put("agent calls", 0);
    return new DemoSummary(42, 8, 125_000, 180, 180, 179, kinds,
        List.of(new DemoSummary.RouteShare("small tier", 100, 55.6),
            new DemoSummary.RouteShare("frontier tier", 80, 44.4)),
        1,
        List.of(new DemoSummary.QualityLine("GSM8K", "correct %", 120, 80.0, 85.8333),
            new DemoSummary.QualityLine("MT-Bench", "mean grade", 60, 8.4, 8.95)),
        new BigDecimal("0.912345"), new BigDecimal("3.456789"), 55.6, 12, 24_310, 3, 21, audit);
  }

  @Test
  void table_showsEveryFigureRounded() {
    String table = summary(Optional.empty()).table();

    assertThat(table).startsWith("Gearbox demo: 180 requests from 8 clients in 2 min 5 s"
        + " (seed 42)");
    assertThat(table).contains("    GSM8K maths 120, MT-Bench chat 60\n");
    assertThat(table).doesNotContain("agent calls");
    assertThat(table).containsPattern("small tier +100 +55\\.6 %");
    assertThat(table).containsPattern("cache false hits +1 ");
    assertThat(table).containsPattern("GSM8K correct % +80\\.0 +85\\.8 +120");
    assertThat(table).containsPattern("MT-Bench mean grade +8\\.40 +8\\.95 +60");
    assertThat(table).containsPattern("cost +\\$0\\.9123\n");
    assertThat(table).containsPattern("all-frontier cost +\\$3\\.4568\n");
    assertThat(table).containsPattern("saved +\\$2\\.5444 +73\\.6 %");
    assertThat(table).containsPattern("frontier calls avoided +55\\.6 %");
    assertThat(table)
        .containsPattern("context compression +12 calls, 24,310 prompt tokens left out");
    assertThat(table).containsPattern("latency added by gateway +p50 3 ms, p99 21 ms");
    assertThat(table).doesNotContain("audit");
  }

  @Test
  void auditVerdict_isShownWhenThereIsOne() {
    assertThat(summary(Optional.of("verified, 180 records")).table())
        .containsPattern("audit chain +verified, 180 records");
  }

  @Test
  void json_carriesTheSameFiguresUnrounded() {
    var json = summary(Optional.empty()).json();

    assertThat(json.path("requests").asInt()).isEqualTo(180);
    assertThat(json.path("saved_usd").asText()).isEqualTo("2.544444");
    assertThat(json.path("saved_percent").decimalValue()).isEqualByComparingTo("73.6");
    assertThat(json.at("/quality/0/all_frontier").asDouble()).isEqualTo(85.8333);
    assertThat(json.at("/routes/1/requests").asInt()).isEqualTo(80);
    assertThat(json.has("audit")).isFalse();
  }

  @Test
  void longListOfKinds_wrapsBetweenItems() {
    String text = SummaryText.wrapped(
        List.of("GSM8K maths 120", "MT-Bench chat 60", "paraphrased questions 28"), "  ", 40);

    assertThat(text).isEqualTo("  GSM8K maths 120, MT-Bench chat 60,\n"
        + "  paraphrased questions 28\n");
  }
}
