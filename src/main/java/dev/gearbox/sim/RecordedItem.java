package dev.gearbox.sim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One recorded question: its user turns (one for most sets, two for MT-Bench) and, per model
 * (canonical name, see {@link RecordedSets#canonicalModel}), one answer per turn.
 *
 * @param category the set's own category ("math" for every GSM8K item)
 */
public record RecordedItem(
    RecordedSet set,
    String id,
    String category,
    List<String> turns,
    Map<String, List<RecordedAnswer>> answers) {

  public RecordedItem {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    turns = List.copyOf(turns);
    answers = Map.copyOf(answers);
    if (turns.isEmpty()) {
      throw new IllegalArgumentException("a recorded item has at least one turn");
    }
    for (var perModel : answers.entrySet()) {
      if (perModel.getValue().size() != turns.size()) {
        throw new IllegalArgumentException(
            "item " + set.id() + ":" + id + " needs one answer per turn from " + perModel.getKey());
      }
    }
  }

  /** The models with an answer (or an outcome) recorded for this item. */
  public Set<String> models() {
    return answers.keySet();
  }

  /** The answer of {@code model} (canonical name) to turn {@code turnIndex} (0-based). */
  public Optional<RecordedAnswer> answer(String model, int turnIndex) {
    List<RecordedAnswer> perTurn = answers.get(model);
    if (perTurn == null || turnIndex < 0 || turnIndex >= perTurn.size()) {
      return Optional.empty();
    }
    return Optional.of(perTurn.get(turnIndex));
  }

  /** The first user turn: the whole prompt for single-turn sets. */
  public String prompt() {
    return turns.getFirst();
  }

  /** {@code <set>:<id>}, e.g. {@code gsm8k:0} or {@code mmlu-pro:70}. */
  public String key() {
    return set.id() + ":" + id;
  }
}
