package dev.gearbox.compress;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts of a text, found by pattern and kept verbatim: identifiers, dates, amounts and
 * names. When turns are shrunk or dropped, the facts that appear nowhere else in what is kept
 * are carried in a ledger block, so that an id, a price or a date the agent will need later is
 * still in its context even when the sentence around it is gone.
 *
 * <p>The patterns: ISO dates; e-mail addresses; words mixing letters and digits of four
 * characters or more (ids, flight numbers); words of five to eight capitals (record locators);
 * numbers (times of day are skipped, not split into numbers); three-capital codes; capitalised
 * words that do not open a sentence or that stand beside another capitalised word (names).
 * Numbers written with thousands separators are not recognised as one amount.
 */
final class FactLedger {
  private static final Pattern TOKEN = Pattern.compile(
      "(?<email>[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)"
          + "|(?<date>\\b\\d{4}-\\d{2}-\\d{2})"
          + "|(?<time>\\b\\d{1,2}:\\d{2}(?::\\d{2})?)"
          + "|(?<number>\\b\\d+(?:\\.\\d+)?\\b)"
          + "|(?<word>\\b[A-Za-z0-9_]+\\b)");
  private static final Pattern ID_WORD = Pattern.compile("[A-Z]{5,8}");
  private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
  private static final Pattern CAPITALISED = Pattern.compile("[A-Z][a-z]+");
  private static final String SENTENCE_OPENERS = ".!?;-*#\n";

  private final Map<FactKind, Set<String>> facts = new EnumMap<>(FactKind.class);

  /** The facts of {@code text}, in order of first appearance. */
  static FactLedger of(String text) {
    FactLedger ledger = new FactLedger();
    ledger.add(text);
    return ledger;
  }

  void add(String text) {
    Matcher m = TOKEN.matcher(text);
    String previousWord = "";
    while (m.find()) {
      if (m.group("email") != null) {
        put(FactKind.ID, m.group());
      } else if (m.group("date") != null) {
        put(FactKind.DATE, m.group());
      } else if (m.group("number") != null) {
        put(FactKind.AMOUNT, m.group());
      } else if (m.group("word") != null) {
        String word = m.group();
        boolean opensSentence = opensSentence(text, m.start());
        word(word, opensSentence, previousWord, text, m.end());
        previousWord = word;
        continue;
      }
      previousWord = "";
    }
  }

  private void word(String word, boolean opensSentence, String previous, String text, int end) {
    boolean hasDigit = word.chars().anyMatch(Character::isDigit);
    boolean hasLetter = word.chars().anyMatch(Character::isLetter);
    if (hasDigit && hasLetter && word.length() >= 4) {
      put(FactKind.ID, word);
    } else if (ID_WORD.matcher(word).matches()) {
      put(FactKind.ID, word);
    } else if (CODE.matcher(word).matches()) {
      put(FactKind.NAME, word);
    } else if (CAPITALISED.matcher(word).matches()
        && (!opensSentence || isCapitalised(previous) || nextIsCapitalised(text, end))) {
      put(FactKind.NAME, word);
    }
  }

  /** Whether only white space stands between {@code start} and a sentence's end or a line. */
  private static boolean opensSentence(String text, int start) {
    for (int i = start - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) || c == '\n') {
        return SENTENCE_OPENERS.indexOf(c) >= 0;
      }
    }
    return true;
  }

  private static boolean isCapitalised(String word) {
    return CAPITALISED.matcher(word).matches();
  }

  private static boolean nextIsCapitalised(String text, int end) {
    int i = end;
    if (i >= text.length() || text.charAt(i) != ' ') {
      return false;
    }
    return i + 2 < text.length() && Character.isUpperCase(text.charAt(i + 1))
        && Character.isLowerCase(text.charAt(i + 2));
  }

  private void put(FactKind kind, String fact) {
    facts.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(fact);
  }

  boolean isEmpty() {
    return facts.values().stream().allMatch(Set::isEmpty);
  }

  int size() {
    return facts.values().stream().mapToInt(Set::size).sum();
  }

  boolean contains(String fact) {
    return facts.values().stream().anyMatch(s -> s.contains(fact));
  }

  /** Adds every fact of {@code other}. */
  void addAll(FactLedger other) {
    other.facts.forEach((kind, set) -> set.forEach(f -> put(kind, f)));
  }

  /** Every fact, whatever its kind. */
  Set<String> all() {
    Set<String> all = new LinkedHashSet<>();
    facts.values().forEach(all::addAll);
    return all;
  }

  /** The facts of this ledger that are not in {@code shown}. */
  FactLedger without(Set<String> shown) {
    FactLedger rest = new FactLedger();
    facts.forEach((kind, set) -> set.stream().filter(f -> !shown.contains(f))
        .forEach(f -> rest.put(kind, f)));
    return rest;
  }
}
