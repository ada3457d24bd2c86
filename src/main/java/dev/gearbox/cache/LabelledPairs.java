package dev.gearbox.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.embed.Embedder;
import dev.gearbox.wire.JsonLines;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
    List<Pair> pairs = new ArrayList<>();
    for (JsonLines.Line line : JsonLines.read(file)) {
      pairs.add(pair(line.json(), file, line.number()));
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no pairs: the format is one JSON object"
          + " per line with text_a, text_b and label (1 = the same question, 0 = not)");
    }
    return pairs;
  }

  /**
   * One pair, under this format's names or those of the Quora Question Pairs release
   * ({@code question1}, {@code question2}, {@code is_duplicate}); a label may be 0/1, true/false
   * or the same as a string.
   */
  private static Pair pair(JsonNode node, Path file, int lineNumber) {
    JsonNode a = either(node, "text_a", "question1");
    JsonNode b = either(node, "text_b", "question2");
    OptionalInt label = label(either(node, "label", "is_duplicate"));
    if (a == null || !a.isTextual() || b == null || !b.isTextual() || label.isEmpty()) {
      throw new IllegalArgumentException(file + " line " + lineNumber
          + ": needs text_a, text_b (strings) and label (0 or 1)");
    }
    return new Pair(a.asText().strip(), b.asText().strip(), label.getAsInt() == 1);
  }

  private static JsonNode either(JsonNode node, String name, String alias) {
    return node.has(name) ? node.get(name) : node.get(alias);
  }

  private static OptionalInt label(JsonNode label) {
    if (label == null) {
      return OptionalInt.empty();
    }
    if (label.isBoolean()) {
      return OptionalInt.of(label.asBoolean() ? 1 : 0);
    }
    String text = label.asText().strip();
    return switch (text) {
      case "0", "false" -> OptionalInt.of(0);
      case "1", "true" -> OptionalInt.of(1);
      default -> OptionalInt.empty();
    };
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
