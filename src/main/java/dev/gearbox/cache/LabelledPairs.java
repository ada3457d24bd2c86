package dev.gearbox.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.embed.Embedder;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A labelled pairs file ({@code text_a}, {@code text_b}, {@code label}: 1 = same question) and
 * how {@code gearbox cache-eval} scores it: every {@code text_a} is cached in one scope, as one
 * busy system prompt would collect them, and every {@code text_b} is looked up against all of
 * them. A hit is right when it serves a question the file labels a duplicate of the one asked
 * (its own pair's {@code text_a}, or another pair's) or the very same question (up to case,
 * spacing and punctuation: sampled question pairs repeat popular questions); any other hit
 * counts as wrong, also one on a third question that might well match, so the false-hit rate
 * reported errs high, never low. Each lookup is also scored against its own partner alone, the
 * pair-by-pair figure that pair-classification benchmarks report.
 */
public final class LabelledPairs {
  private LabelledPairs() {}

  /** One labelled pair. */
  public record Pair(String textA, String textB, boolean duplicate) {}

  /**
   * @throws IllegalArgumentException naming the line of a malformed pair
   * @throws UncheckedIOException when the file cannot be read
   */
  public static List<Pair> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        pairs.add(pair(lines.get(i), file, i + 1));
      }
    }
    return pairs;
  }

  private static Pair pair(String line, Path file, int lineNumber) {
    try {
      JsonNode node = Json.MAPPER.readTree(line);
      JsonNode a = node.get("text_a");
      JsonNode b = node.get("text_b");
      JsonNode label = node.get("label");
      if (a == null || !a.isTextual() || b == null || !b.isTextual() || label == null
          || !(label.asInt(-1) == 0 || label.asInt(-1) == 1)) {
        throw new IllegalArgumentException("needs text_a, text_b (strings) and label (0 or 1)");
      }
      return new Pair(a.asText().strip(), b.asText().strip(), label.asInt() == 1);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + " line " + lineNumber + ": " + e.getMessage(), e);
    }
  }

  /** Scores every pair's lookup with the cache's parts. */
  public static List<ScoredQuery> score(
      List<Pair> pairs, Embedder embedder, SemanticSettings settings, IntConsumer progress) {
    LabelledScoring scoring = new LabelledScoring(embedder, settings, progress);
    scoring.cache(pairs.stream().map(Pair::textA).toList());
    Map<String, Set<String>> duplicates = new HashMap<>();
    for (Pair pair : pairs) {
      if (pair.duplicate()) {
        duplicates.computeIfAbsent(pair.textA(), t -> new HashSet<>()).add(pair.textB());
        duplicates.computeIfAbsent(pair.textB(), t -> new HashSet<>()).add(pair.textA());
      }
    }
    return scoring.score(pairs.stream()
        .map(p -> new LabelledScoring.Lookup(p.textB(),
            duplicates.getOrDefault(p.textB(), Set.of()), Optional.empty(),
            Optional.of(p.textA())))
        .toList());
  }
}
