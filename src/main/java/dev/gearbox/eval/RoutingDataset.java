package dev.gearbox.eval;

import java.util.List;
import java.util.Objects;

/**
 * A labelled set seen as a choice between two models: {@code small} (cheap) and
 * {@code frontier}. Only examples where both models have an outcome are kept. Quality is on the
 * set's own scale (correctness or a grade); what the router learns is whether the small model
 * did as well as the frontier model.
 */
public record RoutingDataset(
    String name, String smallModel, String frontierModel, List<RoutingExample> examples) {

  public RoutingDataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(smallModel, "smallModel");
    Objects.requireNonNull(frontierModel, "frontierModel");
    examples = examples.stream()
        .filter(e -> e.quality(smallModel).isPresent() && e.quality(frontierModel).isPresent())
        .toList();
    if (examples.isEmpty()) {
      throw new IllegalArgumentException(
          "data set '" + name + "' has no example with outcomes of both " + smallModel + " and "
              + frontierModel);
    }
  }

  public int size() {
    return examples.size();
  }

  public double smallQuality(int i) {
    return examples.get(i).quality(smallModel).orElseThrow();
  }

  public double frontierQuality(int i) {
    return examples.get(i).quality(frontierModel).orElseThrow();
  }

  /** Whether the small model did at least as well as the frontier model: the router's label. */
  public boolean smallSuffices(int i) {
    return smallQuality(i) >= frontierQuality(i);
  }

  /** Whether every example carries the small model's answer text (a cascade can be trained). */
  public boolean hasSmallAnswers() {
    return examples.stream().allMatch(e -> e.answer(smallModel).isPresent());
  }

  /** The same set restricted to the examples at {@code indices}, in that order. */
  public RoutingDataset subset(int[] indices) {
    List<RoutingExample> chosen = java.util.Arrays.stream(indices).mapToObj(examples::get).toList();
    return new RoutingDataset(name, smallModel, frontierModel, chosen);
  }

  /** The names the pair takes in a combined set. */
  public static final String SMALL = "small";
  public static final String FRONTIER = "frontier";

  /**
   * Several sets as one, for training a router on all of them: each set's pair is renamed
   * {@value #SMALL} / {@value #FRONTIER}, grades on a 1-10 scale are divided by 10 so that every
   * quality is in [0, 1], and groups and ids are prefixed with the set's name.
   */
  public static RoutingDataset combined(String name, List<RoutingDataset> sets) {
    List<RoutingExample> all = new java.util.ArrayList<>();
    for (RoutingDataset set : sets) {
      double scale = set.examples.stream().anyMatch(e -> e.quality().values().stream()
          .anyMatch(q -> q > 1)) ? 10 : 1;
      for (int i = 0; i < set.size(); i++) {
        RoutingExample e = set.examples.get(i);
        java.util.Map<String, String> answers = new java.util.HashMap<>();
        e.answer(set.smallModel).ifPresent(a -> answers.put(SMALL, a));
        e.answer(set.frontierModel).ifPresent(a -> answers.put(FRONTIER, a));
        java.util.Map<String, Long> tokens = new java.util.HashMap<>();
        e.outputTokens(set.smallModel).ifPresent(t -> tokens.put(SMALL, t));
        e.outputTokens(set.frontierModel).ifPresent(t -> tokens.put(FRONTIER, t));
        all.add(new RoutingExample(set.name + ":" + e.id(), set.name + ":" + e.group(),
            e.prompt(), e.turn(), java.util.Map.of(SMALL, set.smallQuality(i) / scale,
            FRONTIER, set.frontierQuality(i) / scale), answers, tokens));
      }
    }
    return new RoutingDataset(name, SMALL, FRONTIER, all);
  }
}
