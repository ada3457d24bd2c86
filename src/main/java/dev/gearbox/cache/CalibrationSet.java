package dev.gearbox.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.embed.Embedder;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the calibration lookups from GPTCache's paraphrase pairs ({@code {origin, similar}},
 * MIT, shipped as {@code cache/calibration/gptcache-paraphrase-pairs.json}). The set holds
 * positives only, and repeats many facts in near-identical words, so:
 *
 * <ol>
 *   <li>Rows whose originals share at least 40% of their words (Jaccard) with an earlier kept
 *       row are dropped: otherwise "different rows" would often be the same question, and the
 *       measured false-hit rate would be inflated by mislabelled pairs. The test is lexical, so it
 *       does not lean on the embedding model being calibrated.
 *   <li>Duplicate lookups: every kept original is cached; each paraphrase is looked up and is
 *       right only when it is served its own original.
 *   <li>Novel lookups: each paraphrase is looked up again with its own original left out of the
 *       cache, so its nearest neighbours are the other rows: any hit is a false hit. Half the
 *       lookups therefore have no answer in the cache, which makes the negatives as hard as the
 *       data allows (the nearest other fact, often on the same topic).
 * </ol>
 */
public final class CalibrationSet {
  static final double SAME_FACT_JACCARD = 0.4;
  private static final Pattern WORD = Pattern.compile("[a-z0-9_]+");

  private CalibrationSet() {}

  /** One row of the pairs file. */
  record Row(String origin, String similar) {}

  /**
   * Scores the pairs in {@code pairsJson} with {@code embedder}.
   *
   * @throws IllegalArgumentException when {@code pairsJson} is not a JSON array of pairs
   */
  public static CalibrationScores score(byte[] pairsJson, Embedder embedder,
      SemanticSettings settings, IntConsumer progress) {
    List<Row> kept = distinctFacts(rows(pairsJson));
    LabelledScoring scoring = new LabelledScoring(embedder, settings, progress);
    scoring.cache(kept.stream().map(Row::origin).toList());
    List<LabelledScoring.Lookup> lookups = new ArrayList<>();
    for (Row row : kept) {
      lookups.add(new LabelledScoring.Lookup(row.similar(), java.util.Set.of(row.origin()),
          Optional.empty(), Optional.empty()));
    }
    for (Row row : kept) {
      lookups.add(new LabelledScoring.Lookup(row.similar(), java.util.Set.of(),
          Optional.of(row.origin()), Optional.empty()));
    }
    String description = "GPTCache paraphrase pairs (" + kept.size() + " distinct facts, each"
        + " paraphrase looked up with and without its original cached)";
    return new CalibrationScores(description, embedder.modelName(),
        CacheKeys.sha256(new String(pairsJson, java.nio.charset.StandardCharsets.UTF_8)),
        scoring.score(lookups));
  }

  static List<Row> rows(byte[] pairsJson) {
    try {
      List<Row> rows = new ArrayList<>();
      for (JsonNode node : Json.MAPPER.readTree(pairsJson)) {
        rows.add(new Row(node.path("origin").asText(), node.path("similar").asText()));
      }
      if (rows.isEmpty()) {
        throw new IllegalArgumentException("no pairs in the file");
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("the pairs file is not JSON", e);
    }
  }

  /** Keeps each row whose original is not a near-repeat of an earlier kept one. */
  static List<Row> distinctFacts(List<Row> rows) {
    List<Row> kept = new ArrayList<>();
    List<Set<String>> keptWords = new ArrayList<>();
    for (Row row : rows) {
      Set<String> words = words(row.origin());
      if (keptWords.stream().allMatch(w -> jaccard(w, words) < SAME_FACT_JACCARD)) {
        kept.add(row);
        keptWords.add(words);
      }
    }
    return kept;
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    int shared = 0;
    for (String word : a) {
      shared += b.contains(word) ? 1 : 0;
    }
    int union = a.size() + b.size() - shared;
    return union == 0 ? 1 : (double) shared / union;
  }
}
