package dev.gearbox.compress;

import dev.gearbox.model.Message;
import java.util.List;

/**
 * One round of a conversation: a user message and everything that answers it (assistant turns,
 * their tool calls and the tool results) up to the next user message. Dropping whole rounds
 * keeps every tool call beside its result and the roles in the order the APIs require.
 *
 * @param first the index of the round's first message in the request's messages
 */
record Round(int first, List<Message> messages) {
  Round {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a round holds at least one message");
    }
  }

  /** Index (in the request) of the message at {@code offset} within this round. */
  int indexOf(int offset) {
    return first + offset;
  }

  int size() {
    return messages.size();
  }
}
