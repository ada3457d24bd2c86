package dev.gearbox.validate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether two sampled answers to one request agree. Answers that end in a number (arithmetic,
 * counting, most of GSM8K) agree when their final numbers are equal; other answers when their
 * words overlap enough (Jaccard similarity of the word sets at least {@value #MIN_OVERLAP}),
 * which tolerates rephrasing but not a different conclusion written at similar length.
 */
public final class Agreement {
  static final double MIN_OVERLAP = 0.5;
  private static final Pattern FINAL_NUMBER =
      Pattern.compile("(-?\\d[\\d,]*(?:\\.\\d+)?)\\D{0,40}$");

  private Agreement() {}

  public static boolean agree(String first, String second) {
    String a = first.strip();
    String b = second.strip();
    Matcher ma = FINAL_NUMBER.matcher(a);
    Matcher mb = FINAL_NUMBER.matcher(b);
    if (ma.find() && mb.find()) {
      return number(ma.group(1)).equals(number(mb.group(1)));
    }
    return overlap(words(a), words(b)) >= MIN_OVERLAP;
  }

  private static String number(String raw) {
    String plain = raw.replace(",", "");
    if (!plain.contains(".")) {
      return plain;
    }
    String trimmed = plain.replaceAll("0+$", "");
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static Set<String> words(String text) {
    return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("\\W+")));
  }

  private static double overlap(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    if (union.isEmpty()) {
      return 1;
    }
    Set<String> common = new HashSet<>(a);
    common.retainAll(b);
    return (double) common.size() / union.size();
  }
}
