package dev.gearbox.compress;

import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's messages cut into the leading system messages and the rounds after them. A round
 * starts at each user message; messages before the first user message form a round of their
 * own. Tool results are not user messages here: they stay in the round of their call.
 */
record Conversation(List<Message> system, List<Round> rounds) {
  Conversation {
    system = List.copyOf(system);
    rounds = List.copyOf(rounds);
  }

  static Conversation of(List<Message> messages) {
    int start = 0;
    while (start < messages.size() && messages.get(start).role() == Role.SYSTEM) {
      start++;
    }
    List<Round> rounds = new ArrayList<>();
    int first = start;
    for (int i = start + 1; i <= messages.size(); i++) {
      if (i == messages.size() || messages.get(i).role() == Role.USER) {
        rounds.add(new Round(first, messages.subList(first, i)));
        first = i;
      }
    }
    return new Conversation(messages.subList(0, start), rounds);
  }

  /**
   * The rounds that may be shrunk: all but the current one (the last) and the {@code keepLast}
   * before it.
   */
  List<Round> older(int keepLast) {
    return rounds.subList(0, Math.max(0, rounds.size() - 1 - keepLast));
  }

  /** The rounds kept verbatim: the current one and the {@code keepLast} before it. */
  List<Round> recent(int keepLast) {
    return rounds.subList(older(keepLast).size(), rounds.size());
  }
}
