package dev.gearbox.eval;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.sim.Outcome;
import dev.gearbox.sim.RecordedAnswer;
import dev.gearbox.sim.RecordedItem;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a routing data set: one of the bundled recorded sets by name ({@code gsm8k},
 * {@code mt-bench}, {@code mmlu-pro}, {@code arena}), or a JSON-lines file of the operator's own
 * labelled traffic in the format of {@link UserDatasetFormat}.
 *
 * <p>Each bundled set has a default pair of models: gpt-4-1106-preview against
 * Mixtral-8x7B-Instruct (the simulator's two tiers) for GSM8K, MT-Bench and Arena, and gpt-4o
 * against Llama-3.1-8B-Instruct for MMLU-Pro, which has no gpt-4-1106-preview column.
 */
public final class Datasets {
  public static final String BUNDLED_FRONTIER = "gpt-4-1106-preview";
  public static final String BUNDLED_SMALL = "Mixtral-8x7B-Instruct";

  private static final TokenCounter TOKENS = TokenCounter.cl100k();

  private Datasets() {}

  /** The names of the bundled sets. */
  public static List<String> bundledNames() {
    return java.util.Arrays.stream(RecordedSet.values()).map(RecordedSet::id).toList();
  }

  /**
   * The data set called {@code nameOrFile}, as a choice between the given models (or the set's
   * default pair).
   *
   * @throws IllegalArgumentException when it is neither a bundled name nor a readable file, or
   *     lacks outcomes of the two models
   */
  public static RoutingDataset load(
      String nameOrFile, Optional<String> small, Optional<String> frontier) {
    Optional<RecordedSet> set = RecordedSet.byId(nameOrFile);
    if (set.isPresent()) {
      return bundled(set.get(), small, frontier);
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("'" + nameOrFile + "' is neither a bundled data set ("
          + String.join(", ", bundledNames()) + ") nor a readable file");
    }
    return UserDatasetFormat.read(file, small, frontier);
  }

  /** The default pair of a bundled set: small first, frontier second. */
  public static List<String> defaultPair(RecordedSet set) {
    return set == RecordedSet.MMLU_PRO
        ? List.of("Llama-3.1-8B-Instruct", "gpt-4o")
        : List.of(BUNDLED_SMALL, BUNDLED_FRONTIER);
  }

  /** At most {@code max} examples of {@code set}, whole groups drawn at random with a seed. */
  public static RoutingDataset sample(RoutingDataset set, int max, long seed) {
    if (set.size() <= max) {
      return set;
    }
    List<String> groups = new ArrayList<>(new java.util.LinkedHashSet<>(
        set.examples().stream().map(RoutingExample::group).toList()));
    java.util.Collections.shuffle(groups, new java.util.Random(seed));
    java.util.Set<String> chosen = new java.util.HashSet<>();
    int count = 0;
    Map<String, Long> sizes = set.examples().stream().collect(
        java.util.stream.Collectors.groupingBy(RoutingExample::group,
            java.util.stream.Collectors.counting()));
    for (String group : groups) {
      if (count + sizes.get(group) > max) {
        break;
      }
      chosen.add(group);
      count += sizes.get(group);
    }
    return new RoutingDataset(set.name(), set.smallModel(), set.frontierModel(),
        set.examples().stream().filter(e -> chosen.contains(e.group())).toList());
  }

  static RoutingDataset bundled(
      RecordedSet set, Optional<String> small, Optional<String> frontier) {
    RecordedSets sets = RecordedSets.bundled();
    String smallModel = resolve(sets, set, small.orElse(defaultPair(set).get(0)));
    String frontierModel = resolve(sets, set, frontier.orElse(defaultPair(set).get(1)));
    List<RoutingExample> examples = new ArrayList<>();
    for (RecordedItem item : sets.items(set)) {
      for (int turn = 0; turn < item.turns().size(); turn++) {
        examples.add(example(item, turn));
      }
    }
    return new RoutingDataset(set.id(), smallModel, frontierModel, examples);
  }

  private static String resolve(RecordedSets sets, RecordedSet set, String model) {
    return sets.modelIn(set, model).orElseThrow(() -> new IllegalArgumentException(
        "data set '" + set.id() + "' has no model '" + model + "'; it has: "
            + String.join(", ", sets.models(set))));
  }

  private static RoutingExample example(RecordedItem item, int turn) {
    Map<String, Double> quality = new HashMap<>();
    Map<String, String> answers = new HashMap<>();
    Map<String, Long> tokens = new HashMap<>();
    for (String model : item.models()) {
      RecordedAnswer answer = item.answer(model, turn).orElseThrow();
      answer.outcome().ifPresent(o -> quality.put(model, value(o)));
      answer.text().ifPresent(t -> answers.put(model, t));
      tokens.put(model, answer.text().map(t -> (long) TOKENS.count(t))
          .orElse(Math.round(answer.lengthChars() / 4.0)));
    }
    String id = item.turns().size() == 1 ? item.id() : item.id() + "#" + (turn + 1);
    return new RoutingExample(
        id, item.id(), item.turns().get(turn), turn + 1, quality, answers, tokens);
  }

  private static double value(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Correct ignored -> 1.0;
      case Outcome.Wrong ignored -> 0.0;
      case Outcome.Score score -> score.value();
    };
  }
}
