package dev.gearbox.cache;

import dev.gearbox.embed.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Scores labelled lookups against a set of cached prompts with the cache's own parts: the same
 * embedder, the same {@link SemanticIndex} search (one scope, as for one system prompt and
 * model), the same neighbour limit, prompt-length rule and {@link FalseHitGuards}.
 */
final class LabelledScoring {
  /**
   * One lookup: its text, the cached prompt that is its right answer, one to leave out of the
   * cache, and the prompt it was paired with in a labelled file.
   */
  record Lookup(
      String text, Optional<String> rightAnswer, Optional<String> leftOut,
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
    boolean duplicate = lookup.rightAnswer().filter(facts::containsKey).isPresent();
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
    return new ScoredQuery.Candidate(similarity,
        lookup.rightAnswer().filter(cached::equals).isPresent(),
        FalseHitGuards.refusal(query, facts.get(cached)), cached);
  }

  private void report(int done) {
    if (done % 250 == 0) {
      progress.accept(done);
    }
  }
}
