package dev.gearbox.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  private static ScoredQuery duplicateServedAt(double similarity) {
    return new ScoredQuery(true,
        List.of(new ScoredQuery.Candidate(similarity, true, Optional.empty())));
  }

  private static ScoredQuery wrongAt(double similarity, Optional<GuardKind> refused) {
    return new ScoredQuery(false,
        List.of(new ScoredQuery.Candidate(similarity, false, refused)));
  }

  @Test
  void clopperPearson_matchesKnownBounds() {
    assertThat(Binomial.upperBound(0, 299, 0.05)).isCloseTo(0.00997, within(0.0001));
    assertThat(Binomial.upperBound(3, 386, 0.05)).isCloseTo(0.0200, within(0.0005));
    assertThat(Binomial.upperBound(0, 0, 0.05)).isEqualTo(1);
  }

  @Test
  void theThreshold_isTheLowestBeforeTheFalseHitRateBreaksTheBound() {
    List<ScoredQuery> queries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      queries.add(duplicateServedAt(0.90 + i * 0.0009));
    }
    queries.add(wrongAt(0.935, Optional.empty()));
    queries.add(wrongAt(0.85, Optional.empty()));
    queries.add(wrongAt(0.84, Optional.empty()));

    CalibratedThreshold chosen = Calibration.choose(queries, 0.02, "test").orElseThrow();

    assertThat(chosen.threshold()).isEqualTo(0.845);
    assertThat(chosen.atThreshold().wrongHits()).isEqualTo(2);
    assertThat(chosen.atThreshold().falseHitRate()).isLessThanOrEqualTo(0.02);
  }

  @Test
  void aWrongNeighbourTheGuardsRefuse_doesNotCount() {
    List<ScoredQuery> queries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      queries.add(duplicateServedAt(0.95));
    }
    queries.add(wrongAt(0.97, Optional.of(GuardKind.NUMBERS)));

    assertThat(Calibration.choose(queries, 0.01, "test").orElseThrow().atThreshold().wrongHits())
        .isZero();
    assertThat(TradeOff.of(queries, 0.9, false).wrongHits()).isEqualTo(1);
  }

  @Test
  void noThreshold_whenEvenTheStrictestServesWrongAnswers() {
    List<ScoredQuery> queries = List.of(wrongAt(0.999, Optional.empty()), duplicateServedAt(0.9));

    assertThat(Calibration.choose(queries, 0.01, "test")).isEmpty();
  }

  @Test
  void theShippedScores_giveAThresholdWithinTheDefaultBound() {
    CalibratedThreshold shipped = Calibration.bundled(0.01).orElseThrow();

    assertThat(shipped.atThreshold().falseHitRate()).isLessThanOrEqualTo(0.01);
    assertThat(shipped.atThreshold().hitRateOnDuplicates()).isGreaterThan(0.5);
    assertThat(shipped.threshold()).isBetween(0.85, 0.95);
    assertThat(Calibration.bundled(0.05).orElseThrow().threshold())
        .isLessThan(shipped.threshold());
  }

  @Test
  void theShippedScores_comeFromTheShippedPairs() throws IOException {
    CalibrationScores scores = CalibrationScores.bundled();
    byte[] pairs;
    try (InputStream in = getClass().getResourceAsStream(
        "/cache/calibration/gptcache-paraphrase-pairs.json")) {
      pairs = in.readAllBytes();
    }
    List<CalibrationSet.Row> facts = CalibrationSet.distinctFacts(CalibrationSet.rows(pairs));
    long cacheable = facts.stream()
        .filter(f -> f.origin().length() <= SemanticSettings.DEFAULT_MAX_PROMPT_CHARS).count();

    assertThat(scores.pairsSha256())
        .isEqualTo(CacheKeys.sha256(new String(pairs, StandardCharsets.UTF_8)));
    assertThat(scores.queries()).hasSize(2 * facts.size());
    assertThat(scores.queries().stream().filter(ScoredQuery::duplicate).count())
        .isEqualTo(cacheable);
    assertThat(scores.embeddingModel()).isEqualTo("all-MiniLM-L6-v2-q");
  }

  @Test
  void scores_roundTripThroughTheirFileFormat() {
    CalibrationScores scores = new CalibrationScores("d", "m", "sha", List.of(
        duplicateServedAt(0.912345), wrongAt(0.8, Optional.of(GuardKind.DATES))));

    assertThat(CalibrationScores.read(scores.write())).isEqualTo(scores);
  }
}
