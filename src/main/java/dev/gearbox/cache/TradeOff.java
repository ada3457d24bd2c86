package dev.gearbox.cache;

import java.util.List;

/**
 * What a threshold does on a set of labelled lookups.
 *
 * @param duplicates lookups whose right answer is cached
 * @param others lookups whose right answer is not cached
 * @param hits lookups served from the cache
 * @param wrongHits hits that served a wrong answer
 * @param duplicateHits duplicates served their right answer
 * @param otherHits non-duplicates served anything
 * @param pairwise counted pair by pair rather than against the whole cache
 */
public record TradeOff(
    double threshold,
    boolean guarded,
    boolean pairwise,
    int duplicates,
    int others,
    int hits,
    int wrongHits,
    int duplicateHits,
    int otherHits) {

  /** The counts of {@code queries} at {@code threshold}, each against the whole cache. */
  public static TradeOff of(List<ScoredQuery> queries, double threshold, boolean guarded) {
    return count(queries, threshold, guarded, false, q -> q.servedAt(threshold, guarded));
  }

  /**
   * The counts pair by pair: each lookup against its own partner only, as pair-classification
   * benchmarks count (a duplicate pair that is served is right, a non-duplicate one wrong).
   */
  public static TradeOff ofPairs(List<ScoredQuery> queries, double threshold, boolean guarded) {
    return count(queries, threshold, guarded, true, q -> q.pairServedAt(threshold, guarded));
  }

  private static TradeOff count(List<ScoredQuery> queries, double threshold, boolean guarded,
      boolean pairwise, java.util.function.Function<ScoredQuery, java.util.Optional<ScoredQuery.Candidate>> serve) {
    int duplicates = 0;
    int hits = 0;
    int wrong = 0;
    int duplicateHits = 0;
    int otherHits = 0;
    for (ScoredQuery query : queries) {
      duplicates += query.duplicate() ? 1 : 0;
      var served = serve.apply(query);
      if (served.isEmpty()) {
        continue;
      }
      hits++;
      wrong += served.get().right() ? 0 : 1;
      duplicateHits += query.duplicate() && served.get().right() ? 1 : 0;
      otherHits += query.duplicate() ? 0 : 1;
    }
    return new TradeOff(threshold, guarded, pairwise, duplicates, queries.size() - duplicates, hits, wrong,
        duplicateHits, otherHits);
  }

  /** The share of hits that served a wrong answer (1 - precision); 0 without hits. */
  public double falseHitRate() {
    return hits == 0 ? 0 : (double) wrongHits / hits;
  }

  /** The share of duplicates served their right answer. */
  public double hitRateOnDuplicates() {
    return duplicates == 0 ? 0 : (double) duplicateHits / duplicates;
  }

  /** The share of non-duplicates that were served anything. */
  public double hitRateOnOthers() {
    return others == 0 ? 0 : (double) otherHits / others;
  }

  /** A one-sided 95% Clopper-Pearson upper bound on the false-hit rate. */
  public double falseHitRateUpper95() {
    return Binomial.upperBound(wrongHits, hits, 0.05);
  }
}
