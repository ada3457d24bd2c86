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
 * @param duplicate whether the query has its right answer in the cache
 */
public record ScoredQuery(boolean duplicate, List<Candidate> neighbours) {
  public ScoredQuery {
    neighbours = List.copyOf(neighbours);
  }

  /** A neighbour as the scoring saw it. */
  public record Candidate(double similarity, boolean right, Optional<GuardKind> refusedBy) {
    public Candidate {
      Objects.requireNonNull(refusedBy, "refusedBy");
    }
  }

  /** The neighbour served at {@code threshold}, with or without the guards. */
  public Optional<Candidate> servedAt(double threshold, boolean guarded) {
    return neighbours.stream()
        .filter(c -> c.similarity() >= threshold)
        .filter(c -> !guarded || c.refusedBy().isEmpty())
        .findFirst();
  }

  /** The least threshold at which something is served: the scores' one varying quantity. */
  Optional<Candidate> best(boolean guarded) {
    return servedAt(Double.NEGATIVE_INFINITY, guarded);
  }
}
