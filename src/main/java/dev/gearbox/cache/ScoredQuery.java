package dev.gearbox.cache;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One labelled lookup, scored at every threshold at once: the neighbours the cache would offer
 * (best first, up to its neighbour limit), whether each is the right answer, and whether the
 * guards accept it. At threshold t the cache serves the first neighbour with similarity of at
 * least t that the guards accept, exactly as {@link TieredCache} does, so one scoring answers
 * "what would happen at t" for every t.
 *
 * @param text the lookup's prompt ("" where only the scores were kept)
 * @param duplicate whether the query has its right answer in the cache
 * @param ownPair for a lookup from a labelled pair, its own partner scored on its own, whatever
 *     its rank among the neighbours: what a pair-by-pair evaluation looks at
 */
public record ScoredQuery(
    String text, boolean duplicate, List<Candidate> neighbours, Optional<Candidate> ownPair) {
  public ScoredQuery {
    Objects.requireNonNull(text, "text");
    neighbours = List.copyOf(neighbours);
    Objects.requireNonNull(ownPair, "ownPair");
  }

  /** A lookup known by its scores only. */
  public ScoredQuery(boolean duplicate, List<Candidate> neighbours) {
    this("", duplicate, neighbours, Optional.empty());
  }

  /**
   * A neighbour as the scoring saw it.
   *
   * @param text the cached prompt ("" where only the scores were kept)
   */
  public record Candidate(
      double similarity, boolean right, Optional<GuardKind> refusedBy, String text) {
    public Candidate {
      Objects.requireNonNull(refusedBy, "refusedBy");
      Objects.requireNonNull(text, "text");
    }

    public Candidate(double similarity, boolean right, Optional<GuardKind> refusedBy) {
      this(similarity, right, refusedBy, "");
    }
  }

  /** The neighbour served at {@code threshold}, with or without the guards. */
  public Optional<Candidate> servedAt(double threshold, boolean guarded) {
    return neighbours.stream()
        .filter(c -> c.similarity() >= threshold)
        .filter(c -> !guarded || c.refusedBy().isEmpty())
        .findFirst();
  }

  /** Pair by pair: whether the lookup's own partner is served at {@code threshold}. */
  public Optional<Candidate> pairServedAt(double threshold, boolean guarded) {
    return ownPair
        .filter(c -> c.similarity() >= threshold)
        .filter(c -> !guarded || c.refusedBy().isEmpty());
  }

  /** The least threshold at which something is served: the scores' one varying quantity. */
  Optional<Candidate> best(boolean guarded) {
    return servedAt(Double.NEGATIVE_INFINITY, guarded);
  }
}
