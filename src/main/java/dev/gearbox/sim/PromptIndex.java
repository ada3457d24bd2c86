package dev.gearbox.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the recorded item a conversation asks about. The key is the last user turn after
 * whitespace normalisation; a later turn of a multi-turn item (MT-Bench turn 2) matches only when
 * the earlier user turns of the conversation are the item's earlier turns too. When several sets
 * hold the same text, the set order of {@link RecordedSet} decides, then the set's own order.
 */
final class PromptIndex {
  private record Entry(RecordedItem item, int turnIndex) {}

  private final RecordedSets sets;
  private final Map<String, List<Entry>> byTurnText;

  private PromptIndex(RecordedSets sets, Map<String, List<Entry>> byTurnText) {
    this.sets = sets;
    this.byTurnText = byTurnText;
  }

  static PromptIndex of(RecordedSets sets) {
    Map<String, List<Entry>> index = new HashMap<>();
    for (RecordedSet set : RecordedSet.values()) {
      for (RecordedItem item : sets.items(set)) {
        for (int t = 0; t < item.turns().size(); t++) {
          String key = Prompts.normalize(item.turns().get(t));
          index.computeIfAbsent(key, k -> new ArrayList<>(1)).add(new Entry(item, t));
        }
      }
    }
    return new PromptIndex(sets, index);
  }

  /**
   * The recorded answer of {@code recordedModel} to the conversation whose user turns are
   * {@code userTurns}; empty when no recorded item matches or the model has no answer to it.
   */
  Optional<RecordedMatch> find(List<String> userTurns, String recordedModel) {
    if (userTurns.isEmpty()) {
      return Optional.empty();
    }
    List<Entry> entries =
        byTurnText.getOrDefault(Prompts.normalize(userTurns.getLast()), List.of());
    for (Entry entry : entries) {
      if (!earlierTurnsMatch(entry, userTurns)) {
        continue;
      }
      Optional<RecordedMatch> match = answerOf(entry, recordedModel);
      if (match.isPresent()) {
        return match;
      }
    }
    return Optional.empty();
  }

  private static boolean earlierTurnsMatch(Entry entry, List<String> userTurns) {
    int last = userTurns.size() - 1;
    if (last < entry.turnIndex()) {
      return false;
    }
    for (int back = 1; back <= entry.turnIndex(); back++) {
      String asked = Prompts.normalize(userTurns.get(last - back));
      String recorded = Prompts.normalize(entry.item().turns().get(entry.turnIndex() - back));
      if (!asked.equals(recorded)) {
        return false;
      }
    }
    return true;
  }

  private Optional<RecordedMatch> answerOf(Entry entry, String recordedModel) {
    RecordedItem item = entry.item();
    return sets.modelIn(item.set(), recordedModel)
        .flatMap(
            model ->
                item.answer(model, entry.turnIndex())
                    .map(answer -> new RecordedMatch(item, entry.turnIndex(), model, answer)));
  }
}
