package dev.gearbox.compress;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A request being compressed: its messages, some replaced by shorter versions and some left
 * out, and the facts of the text removed so far, by the message they came from. Only whole
 * rounds are left out, so the messages that remain keep their order, their pairing and their
 * roles. Token counts and facts are kept per message, so trying one more cut costs little.
 */
final class Draft {
  private final ChatRequest original;
  private final Conversation conversation;
  private final Message[] current;
  private final TreeSet<Integer> dropped = new TreeSet<>();
  private final TreeSet<Integer> shrunk = new TreeSet<>();
  private final Map<Integer, FactLedger> removedFacts = new TreeMap<>();
  private final FactLedger[] factsOf;
  private final long[] tokensOf;
  private final TokenCounter tokens;
  private final long toolTokens;

  /** @param tokens counts tokens on the target model's tokenizer */
  Draft(ChatRequest original, TokenCounter tokens) {
    this.original = original;
    this.conversation = Conversation.of(original.messages());
    this.current = original.messages().toArray(new Message[0]);
    this.factsOf = new FactLedger[current.length];
    this.tokensOf = new long[current.length];
    this.tokens = tokens;
    Arrays.fill(tokensOf, -1);
    long messageTokens = 0;
    for (int i = 0; i < current.length; i++) {
      messageTokens += tokens(i);
    }
    this.toolTokens = tokens.countPrompt(original) - messageTokens;
  }

  Conversation conversation() {
    return conversation;
  }

  Message message(int index) {
    return current[index];
  }

  /**
   * Rewrites every JSON tool result compactly ({@link JsonCompactor}, no value lost), except
   * the request's last message: the result the model is answering now stays as it came.
   */
  void compactToolResults() {
    for (int i = conversation.system().size(); i < current.length - 1; i++) {
      Message m = current[i];
      if (m.role() == Role.TOOL && textOnly(m)) {
        Optional<String> compact = JsonCompactor.compact(m.text())
            .filter(c -> c.length() < m.text().length());
        if (compact.isPresent()) {
          rewrite(i, compact.get(), "");
        }
      }
    }
  }

  /** Replaces a message's text, keeping its role, tool calls and ids. */
  void rewrite(int index, String text, String removed) {
    Message m = current[index];
    current[index] = new Message(m.role(), List.of(new ContentPart.Text(text)), m.toolCalls(),
        m.toolCallId(), m.name());
    factsOf[index] = null;
    tokensOf[index] = -1;
    shrunk.add(index);
    removedFacts(index).addAll(FactLedger.of(removed));
  }

  /** Leaves a whole round out; its text (tool calls included) counts as removed. */
  void drop(Round round) {
    for (int offset = 0; offset < round.size(); offset++) {
      int index = round.indexOf(offset);
      removedFacts(index).addAll(facts(index));
      dropped.add(index);
      shrunk.remove(index);
    }
  }

  List<Integer> dropped() {
    return List.copyOf(dropped);
  }

  List<Integer> shrunk() {
    return List.copyOf(shrunk);
  }

  /** How many messages the rounds before the {@code keepLast} recent ones hold. */
  int olderMessageCount(int keepLast) {
    return conversation.older(keepLast).stream().mapToInt(Round::size).sum();
  }

  /**
   * The facts of the removed text that nothing kept still shows, one line per message they
   * came from ({@code [7] get_user_details result: mia_li_3668, Mia, ...}), each fact once;
   * empty when there is none.
   */
  Optional<String> orphanFacts() {
    Set<String> shown = new HashSet<>();
    for (int i = 0; i < current.length; i++) {
      if (!dropped.contains(i)) {
        shown.addAll(facts(i).all());
      }
    }
    List<String> lines = new ArrayList<>();
    removedFacts.forEach((index, facts) -> {
      FactLedger orphans = facts.without(shown);
      shown.addAll(orphans.all());
      if (!orphans.isEmpty()) {
        lines.add("[" + index + "] " + source(original.messages().get(index)) + ": "
            + String.join(", ", orphans.all()));
      }
    });
    return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
  }

  /** The prompt tokens of {@link #assemble} with this note, counted message by message. */
  long tokens(Optional<String> note) {
    long total = toolTokens;
    for (int i = 0; i < current.length; i++) {
      total += dropped.contains(i) ? 0 : tokens(i);
    }
    return total + note.map(text -> tokens.countMessage(Message.text(Role.SYSTEM, text)))
        .orElse(0L);
  }

  /**
   * The request as it stands: the leading system messages, then {@code note} (when present) as
   * one more system message, then every message not left out.
   */
  ChatRequest assemble(Optional<String> note) {
    List<Message> messages = new ArrayList<>(conversation.system());
    note.ifPresent(text -> messages.add(Message.text(Role.SYSTEM, text)));
    for (int i = conversation.system().size(); i < current.length; i++) {
      if (!dropped.contains(i)) {
        messages.add(current[i]);
      }
    }
    return original.withMessages(messages);
  }

  /** A message's text with its tool calls written out, as the facts were said. */
  static String textOf(Message message) {
    StringBuilder text = new StringBuilder(message.text());
    for (ToolCall call : message.toolCalls()) {
      text.append('\n').append(call.name()).append(' ').append(call.argumentsJson());
    }
    return text.toString();
  }

  static boolean textOnly(Message m) {
    return m.content().stream().allMatch(ContentPart.Text.class::isInstance);
  }

  private static String source(Message m) {
    return switch (m.role()) {
      case USER -> "user";
      case SYSTEM -> "system";
      case TOOL -> m.name().map(n -> n + " result").orElse("tool result");
      case ASSISTANT -> m.toolCalls().isEmpty() ? "assistant"
          : "assistant, calling " + m.toolCalls().getFirst().name();
    };
  }

  private FactLedger removedFacts(int index) {
    return removedFacts.computeIfAbsent(index, i -> new FactLedger());
  }

  private long tokens(int index) {
    if (tokensOf[index] < 0) {
      tokensOf[index] = tokens.countMessage(current[index]);
    }
    return tokensOf[index];
  }

  private FactLedger facts(int index) {
    if (factsOf[index] == null) {
      factsOf[index] = FactLedger.of(textOf(current[index]));
    }
    return factsOf[index];
  }
}
