package dev.gearbox.cache;

import dev.gearbox.embed.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Scores labelled lookups against a set of cached prompts with the cache's own parts: the same
 * embedder, the same {@link SemanticIndex} search (one scope, as for one system prompt and
 * model), the same neighbour limit, prompt-length rule and {@link FalseHitGuards}.
 */
final class LabelledScoring {
  /**
   * One lookup: its text, the cached prompts that are right answers to it, one to leave out of
   * the cache, and the prompt it was paired with in a labelled file. A cached prompt that is the
   * lookup's own text (up to case, spacing and punctuation) is always right.
   */
  record Lookup(
      String text, Set<String> rightAnswers, Optional<String> leftOut,
      Optional<String> partner) {}

  private static final String SCOPE = "calibration";

  private final Embedder embedder;
  private final SemanticSettings settings;
  private final IntConsumer progress;
  private final Map<String, PromptFacts> facts = new LinkedHashMap<>();
  private final Map<String, float[]> queryVectors = new HashMap<>();
  private final Map<String, float[]> cachedVectors = new HashMap<>();
  private final SemanticIndex index;

  /**
   * @param progress told the number of texts embedded so far, now and then
   */
  LabelledScoring(Embedder embedder, SemanticSettings settings, IntConsumer progress) {
    this.embedder = embedder;
    this.settings = settings;
    this.progress = progress;
    this.index = new SemanticIndex(embedder.dimensions());
  }

  /** Caches these prompts (each distinct text once; too-long ones are not semantic). */
  void cache(List<String> prompts) {
    for (String prompt : prompts) {
      if (facts.containsKey(prompt) || prompt.length() > settings.maxPromptChars()) {
        continue;
      }
      facts.put(prompt, PromptFacts.of(prompt));
      cachedVectors.put(prompt, embedder.embed(prompt));
      index.put(SCOPE, prompt, cachedVectors.get(prompt));
      report(facts.size());
    }
  }

  /** The scored neighbours of each lookup, in order. */
  List<ScoredQuery> score(List<Lookup> lookups) {
    List<ScoredQuery> scored = new ArrayList<>();
    for (int i = 0; i < lookups.size(); i++) {
      scored.add(score(lookups.get(i)));
      report(facts.size() + i + 1);
    }
    return scored;
  }

  private ScoredQuery score(Lookup lookup) {
    boolean duplicate = lookup.partner()
        .map(p -> lookup.rightAnswers().contains(p) && facts.containsKey(p))
        .orElseGet(() -> lookup.rightAnswers().stream().anyMatch(facts::containsKey));
    if (lookup.text().length() > settings.maxPromptChars()) {
      return new ScoredQuery(lookup.text(), duplicate, List.of(), Optional.empty());
    }
    PromptFacts query = PromptFacts.of(lookup.text());
    float[] vector = queryVectors.computeIfAbsent(lookup.text(), embedder::embed);
    List<Neighbour> near = index.nearest(SCOPE, vector, -1, settings.neighbours() + 1);
    List<ScoredQuery.Candidate> candidates = near.stream()
        .filter(n -> lookup.leftOut().filter(n.key()::equals).isEmpty())
        .limit(settings.neighbours())
        .map(n -> candidate(lookup, query, n.key(), n.similarity()))
        .toList();
    Optional<ScoredQuery.Candidate> partner = lookup.partner()
        .filter(cachedVectors::containsKey)
        .map(p -> candidate(lookup, query, p, Embedder.cosine(vector, cachedVectors.get(p))));
    return new ScoredQuery(lookup.text(), duplicate, candidates, partner);
  }

  private ScoredQuery.Candidate candidate(
      Lookup lookup, PromptFacts query, String cached, double similarity) {
    boolean right = lookup.rightAnswers().contains(cached)
        || sameWords(lookup.text(), cached);
    return new ScoredQuery.Candidate(similarity, right,
        FalseHitGuards.refusal(query, facts.get(cached)), cached);
  }

  static boolean sameWords(String a, String b) {
    return normal(a).equals(normal(b));
  }

  /** The words of a text, lower-cased, without punctuation: "3-day" and "3 day" match. */
  private static String normal(String text) {
    return String.join(" ",
        text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")).strip();
  }

  private void report(int done) {
    if (done % 250 == 0) {
      progress.accept(done);
    }
  }
}
