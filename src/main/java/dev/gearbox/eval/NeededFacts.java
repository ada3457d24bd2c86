package dev.gearbox.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.compress.AgentStep;
import dev.gearbox.compress.GoldAction;
import dev.gearbox.compress.Trajectory;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fidelity measure of compression, which needs no model: which facts a call's context must
 * still hold, and how many of them a compressed context holds.
 *
 * <p>The facts needed at call k are the argument values of every tool call the agent made from
 * call k on (its answer at k included) and of the task's gold actions: ids, amounts, dates and
 * names. Structured values count whole ({@code "HAT136"}, {@code 250}, {@code "Mia"}); plain
 * lower-case vocabulary ({@code "economy"}, {@code "no"}) does not; from free-text arguments
 * (a "think" thought, a hand-over summary) the words holding a digit or starting with a capital
 * count. A fact is needed only if the original context holds it outside the system prompt:
 * facts the customer has not said yet cannot be lost, and the system prompt is always kept.
 * "Holds" means the exact text with no letter, digit or underscore on either side.
 *
 * <p>This is deliberately independent of the compressor's own fact patterns: it is taken from
 * what the agent later did, not from what the compressor thinks a fact looks like.
 */
final class NeededFacts {
  private static final Pattern VOCABULARY = Pattern.compile("[a-z_]+");
  private static final Pattern FREE_TEXT = Pattern.compile(
      "(?<date>\\d{4}-\\d{2}-\\d{2})|(?<time>\\d{1,2}:\\d{2}(?::\\d{2})?)"
          + "|(?<email>[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)|(?<word>\\w+(?:\\.\\d+)?)");
  private static final Pattern NAME = Pattern.compile("[A-Z][a-z]+|[A-Z]{3,}");

  private NeededFacts() {}

  /** The facts of the agent's later actions that call {@code step}'s context holds. */
  static Set<String> at(Trajectory trajectory, AgentStep step) {
    Set<String> candidates = new LinkedHashSet<>();
    List<Message> messages = trajectory.messages();
    for (int i = step.answerIndex(); i < messages.size(); i++) {
      if (messages.get(i).role() == Role.ASSISTANT) {
        for (ToolCall call : messages.get(i).toolCalls()) {
          values(parse(call.argumentsJson()), candidates);
        }
      }
    }
    for (GoldAction action : trajectory.goldActions()) {
      values(action.arguments(), candidates);
    }
    String context = conversationText(step.request());
    Set<String> needed = new LinkedHashSet<>();
    for (String fact : candidates) {
      if (holds(context, fact) && !holds(trajectory.systemPrompt(), fact)) {
        needed.add(fact);
      }
    }
    return needed;
  }

  /** How many of {@code facts} the request holds anywhere (system messages included). */
  static int kept(Set<String> facts, ChatRequest request) {
    String text = allText(request);
    return (int) facts.stream().filter(f -> holds(text, f)).count();
  }

  private static void values(JsonNode node, Set<String> into) {
    if (node.isContainerNode()) {
      node.forEach(child -> values(child, into));
    } else if (node.isNumber()) {
      into.add(node.asText());
    } else if (node.isTextual()) {
      text(node.asText(), into);
    }
  }

  /** A value without spaces counts whole; free text counts by its fact-like words. */
  private static void text(String value, Set<String> into) {
    String v = value.strip();
    if (v.isEmpty() || VOCABULARY.matcher(v).matches()) {
      return;
    }
    if (v.chars().noneMatch(Character::isWhitespace)) {
      into.add(v);
      return;
    }
    Matcher m = FREE_TEXT.matcher(v);
    while (m.find()) {
      if (m.group("date") != null || m.group("email") != null) {
        into.add(m.group());
      } else if (m.group("word") != null && isFact(m.group(), v, m.start())) {
        into.add(m.group());
      }
    }
  }

  /** Words holding a digit, and names: capitalised words that do not open a sentence. */
  private static boolean isFact(String word, String text, int start) {
    if (word.chars().anyMatch(Character::isDigit)) {
      return true;
    }
    return NAME.matcher(word).matches() && !opensSentence(text, start);
  }

  private static boolean opensSentence(String text, int start) {
    for (int i = start - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) || c == '\n') {
        return ".!?:\n".indexOf(c) >= 0;
      }
    }
    return true;
  }

  private static String conversationText(ChatRequest request) {
    StringBuilder text = new StringBuilder();
    for (Message m : request.messages()) {
      if (m.role() != Role.SYSTEM) {
        appendMessage(m, text);
      }
    }
    return text.toString();
  }

  private static String allText(ChatRequest request) {
    StringBuilder text = new StringBuilder();
    request.messages().forEach(m -> appendMessage(m, text));
    return text.toString();
  }

  private static void appendMessage(Message m, StringBuilder text) {
    text.append(m.text()).append('\n');
    m.toolCalls().forEach(c -> text.append(c.argumentsJson()).append('\n'));
  }

  /** Whether {@code text} holds {@code fact} with no word character on either side. */
  static boolean holds(String text, String fact) {
    for (int at = text.indexOf(fact); at >= 0; at = text.indexOf(fact, at + 1)) {
      int end = at + fact.length();
      if ((at == 0 || !isWordChar(text.charAt(at - 1)))
          && (end == text.length() || !isWordChar(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json.isBlank() ? "{}" : json);
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode();
    }
  }
}
