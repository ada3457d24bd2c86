package dev.gearbox.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the false-hit guards compare in a prompt: its numbers, units (alone and attached to a
 * number), dates, names, negations and polar words, and all its words (so a name found in one
 * prompt can be looked for, in any case, in the other). Extracted once per prompt.
 */
record PromptFacts(
    Set<String> numbers,
    Set<String> quantities,
    Set<String> units,
    Set<String> dates,
    Set<String> entities,
    Set<String> words,
    boolean negated) {

  private static final Pattern TOKENS = Pattern.compile(
      "(?<date>\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4})"
          + "|(?<num>\\d++(?:[.,]\\d++)*+)(?<ord>st|nd|rd|th)?(?![\\p{L}\\d])"
          + "|(?<numword>\\d++(?:[.,]\\d++)*+)"
          + "|(?<symbol>[$€£¥₹%°])"
          + "|(?<word>[\\p{L}][\\p{L}\\p{N}_'’\\-]*)");
  private static final String SENTENCE_ENDS = ".?!:;\"“([";

  static PromptFacts of(String text) {
    return new Extraction(text).facts();
  }

  /** One pass over the tokens of a prompt. */
  private static final class Extraction {
    private final String text;
    private final boolean shouting;
    private final List<Token> tokens = new ArrayList<>();
    private final Set<String> numbers = new HashSet<>();
    private final Set<String> quantities = new HashSet<>();
    private final Set<String> units = new HashSet<>();
    private final Set<String> dates = new HashSet<>();
    private final Set<String> entities = new HashSet<>();
    private final Set<String> words = new HashSet<>();
    private boolean negated;

    Extraction(String text) {
      this.text = text;
      this.shouting = mostlyUpperCase(text);
      tokenize();
    }

    PromptFacts facts() {
      for (int i = 0; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        switch (token.kind()) {
          case DATE -> dates.add("date:" + token.text());
          case NUMBER -> number(i, token.text());
          case SYMBOL -> symbol(i, token.text());
          case WORD -> word(i, token);
        }
      }
      return new PromptFacts(Set.copyOf(numbers), Set.copyOf(quantities), Set.copyOf(units),
          Set.copyOf(dates), Set.copyOf(entities), Set.copyOf(words), negated);
    }

    private void tokenize() {
      Matcher m = TOKENS.matcher(text);
      while (m.find()) {
        boolean sentenceStart = opensSentence(m.start());
        if (m.group("date") != null) {
          tokens.add(new Token(Kind.DATE, m.group("date"), sentenceStart));
        } else if (m.group("num") != null) {
          tokens.add(new Token(Kind.NUMBER, normalNumber(m.group("num")), sentenceStart));
        } else if (m.group("numword") != null) {
          tokens.add(new Token(Kind.NUMBER, normalNumber(m.group("numword")), sentenceStart));
          gluedUnit(m);
        } else if (m.group("symbol") != null) {
          tokens.add(new Token(Kind.SYMBOL, m.group("symbol"), sentenceStart));
        } else {
          tokens.add(new Token(Kind.WORD, m.group("word"), sentenceStart));
        }
      }
    }

    /** Whether only spaces stand between {@code at} and a sentence end, a line end or nothing. */
    private boolean opensSentence(int at) {
      int i = at - 1;
      while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
        if (text.charAt(i) == '\n') {
          return true;
        }
        i--;
      }
      return i < 0 || SENTENCE_ENDS.indexOf(text.charAt(i)) >= 0;
    }

    /** "5km": the letters glued to a number are read as the next token. */
    private void gluedUnit(Matcher m) {
      Matcher rest = TOKENS.matcher(text).region(m.end(), text.length());
      if (rest.lookingAt() && rest.group("word") != null) {
        tokens.add(new Token(Kind.WORD, rest.group("word"), false));
        m.region(rest.end(), text.length());
      }
    }

    private void number(int i, String value) {
      numbers.add(value);
      if (isYear(value)) {
        dates.add("year:" + value);
      }
      unitAfter(i).ifPresent(unit -> quantities.add(value + " " + unit));
    }

    private void symbol(int i, String symbol) {
      String unit = Lexicon.UNITS.get(symbol);
      boolean before = i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NUMBER;
      boolean after = i > 0 && tokens.get(i - 1).kind() == Kind.NUMBER;
      if (before && !symbol.equals("%") && !symbol.equals("°")) {
        quantities.add(tokens.get(i + 1).text() + " " + unit);
      } else if (!after) {
        units.add(unit);
      }
    }

    private java.util.Optional<String> unitAfter(int i) {
      if (i + 1 >= tokens.size()) {
        return java.util.Optional.empty();
      }
      Token next = tokens.get(i + 1);
      String lower = next.text().toLowerCase(Locale.ROOT);
      String unit = next.kind() == Kind.WORD ? Lexicon.UNITS.get(singular(lower)) : null;
      if (next.kind() == Kind.SYMBOL && !next.text().equals("$")) {
        unit = Lexicon.UNITS.get(next.text());
      }
      if (next.text().equals("°") && i + 2 < tokens.size()) {
        String scale = "°" + tokens.get(i + 2).text().toLowerCase(Locale.ROOT);
        unit = Lexicon.UNITS.getOrDefault(scale, unit);
      }
      if ("degree".equals(unit) && i + 2 < tokens.size()) {
        String scale = singular(tokens.get(i + 2).text().toLowerCase(Locale.ROOT));
        unit = Lexicon.TEMPERATURE_SCALES.contains(scale) ? scale : unit;
      }
      return java.util.Optional.ofNullable(unit);
    }

    private void word(int i, Token token) {
      String lower = token.text().toLowerCase(Locale.ROOT).replace('’', '\'');
      String bare = lower.replace("'", "");
      String folded = singular(stripPossessive(lower));
      words.add(folded);
      words.add(bare);
      if (Lexicon.NEGATIONS.contains(bare) || bare.endsWith("nt") && lower.endsWith("n't")) {
        negated = true;
      }
      String number = Lexicon.NUMBER_WORDS.get(bare);
      if (number != null) {
        numbers.add(number);
      }
      dateWord(i, token, bare);
      String unit = Lexicon.UNITS.get(folded);
      boolean afterNumber = i > 0 && tokens.get(i - 1).kind() == Kind.NUMBER;
      if (unit != null && !afterNumber && !Lexicon.UNITS_ONLY_AFTER_NUMBERS.contains(folded)) {
        units.add(unit);
      }
      if (isEntity(token, lower)) {
        entities.add(folded);
      }
    }

    private void dateWord(int i, Token token, String bare) {
      String month = Lexicon.MONTHS.get(bare);
      if (month != null && (!Lexicon.AMBIGUOUS_MONTHS.contains(bare) || besideNumber(i)
          || capitalised(token.text()) && !token.sentenceStart())) {
        dates.add("month:" + month);
      }
      String weekday = Lexicon.WEEKDAYS.get(singular(bare));
      if (weekday != null) {
        dates.add("weekday:" + weekday);
      }
      if (Lexicon.RELATIVE_DAYS.contains(bare)) {
        dates.add("relative:" + bare);
      }
      if (Lexicon.PERIOD_SHIFTERS.contains(bare) && i + 1 < tokens.size()) {
        String next = singular(tokens.get(i + 1).text().toLowerCase(Locale.ROOT));
        if (Lexicon.PERIODS.contains(next)) {
          dates.add("period:" + bare + " " + next);
        }
      }
    }

    private boolean besideNumber(int i) {
      return i > 0 && tokens.get(i - 1).kind() == Kind.NUMBER
          || i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NUMBER;
    }

    /**
     * A name, acronym or code identifier. Capitalised words that open a sentence are not counted:
     * in English they are mostly ordinary words, and no dictionary is at hand to tell.
     */
    private boolean isEntity(Token token, String lower) {
      String raw = token.text();
      if (Lexicon.ALWAYS_COMMON.contains(lower)) {
        return false;
      }
      boolean identifier = raw.contains("_") || raw.chars().anyMatch(Character::isDigit);
      if (identifier) {
        return true;
      }
      if (shouting) {
        return false;
      }
      boolean innerCapital = raw.chars().skip(1).anyMatch(Character::isUpperCase);
      if (innerCapital && raw.chars().filter(Character::isLetter).count() >= 2) {
        return true;
      }
      return capitalised(raw) && !token.sentenceStart() && !Lexicon.NOT_NAMES.contains(lower);
    }

    private static boolean capitalised(String raw) {
      return Character.isUpperCase(raw.codePointAt(0));
    }

    private static boolean mostlyUpperCase(String text) {
      long letters = text.chars().filter(Character::isLetter).count();
      long upper = text.chars().filter(Character::isUpperCase).count();
      return letters >= 8 && upper * 2 > letters;
    }
  }

  private enum Kind { DATE, NUMBER, SYMBOL, WORD }

  private record Token(Kind kind, String text, boolean sentenceStart) {}

  static String normalNumber(String raw) {
    String digits = raw.matches("\\d{1,3}(,\\d{3})+(\\.\\d+)?") ? raw.replace(",", "") : raw;
    digits = digits.replace(',', '.');
    if (digits.contains(".")) {
      digits = digits.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
    return trimmed.isEmpty() ? "0" : trimmed;
  }

  private static boolean isYear(String value) {
    return value.matches("1[5-9]\\d\\d|20\\d\\d|2100");
  }

  static String stripPossessive(String lower) {
    if (lower.endsWith("'s")) {
      return lower.substring(0, lower.length() - 2);
    }
    return lower.endsWith("'") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** A rough English singular: enough to match "miles" with "mile" and "USAs" with "USA". */
  static String singular(String word) {
    if (word.length() <= 3 || word.endsWith("ss") || word.endsWith("us")
        || word.endsWith("is")) {
      return word;
    }
    if (word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes")) {
      return word.substring(0, word.length() - 2);
    }
    return word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
  }
}
