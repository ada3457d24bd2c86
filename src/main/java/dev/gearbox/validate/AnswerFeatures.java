package dev.gearbox.validate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap features of an answer's text that say something about whether it is right, for the
 * cascade's learned answer scorer: how long it is against the prompt, how much it hedges or
 * corrects itself, whether it ends in a clearly stated final answer, whether that final number
 * was merely copied from the prompt, how much it repeats itself, and whether it stops mid-way.
 * FrugalGPT and AutoMix score the cheap answer the same way before deciding to escalate; these
 * features are what a scorer can see without a second model.
 */
public final class AnswerFeatures {
  /** The names of the features, in the order of {@link #of}. */
  public static final List<String> NAMES = List.of(
      "log_answer_chars", "answer_to_prompt_ratio", "hedges", "self_corrections",
      "final_answer_marker", "ends_with_number", "final_number_in_prompt", "log_numbers",
      "repeated_lines", "ends_cleanly", "has_code_block", "list_items");

  private static final Pattern HEDGE = Pattern.compile(
      "\\b(i think|i believe|might|may be|maybe|possibly|perhaps|not sure|unclear|it seems"
          + "|approximately|roughly|assuming|assume|likely|i'm not certain|cannot be determined"
          + "|not enough information|ambiguous)\\b");
  private static final Pattern CORRECTION = Pattern.compile(
      "\\b(wait|actually|mistake|let me re|recalculate|correction|i apologi[sz]e|oops"
          + "|that's not right|incorrect)\\b");
  private static final Pattern FINAL_MARKER = Pattern.compile(
      "(the (final )?answer is|final answer|####|\\\\boxed\\{|therefore|thus|so the answer"
          + "|in total|altogether)");
  private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(\\.\\d+)?");
  private static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s*(?:[-*+]|\\d+[.)])\\s+");

  private AnswerFeatures() {}

  /** The feature values of {@code answer} to {@code prompt}, in the order of {@link #NAMES}. */
  public static double[] of(String prompt, String answer) {
    String lower = answer.toLowerCase(Locale.ROOT);
    List<String> numbers = numbers(answer);
    String lastNumber = numbers.isEmpty() ? "" : numbers.getLast();
    return new double[] {
        Math.log1p(answer.length()),
        Math.log1p(answer.length()) - Math.log1p(prompt.length()),
        Math.log1p(count(HEDGE, lower)),
        Math.log1p(count(CORRECTION, lower)),
        FINAL_MARKER.matcher(tail(lower, 300)).find() ? 1 : 0,
        endsWithNumber(answer) ? 1 : 0,
        !lastNumber.isEmpty() && numbers(prompt).contains(lastNumber) ? 1 : 0,
        Math.log1p(numbers.size()),
        repeatedLines(answer),
        endsCleanly(answer) ? 1 : 0,
        answer.contains("```") ? 1 : 0,
        Math.log1p(count(LIST_ITEM, answer)),
    };
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static List<String> numbers(String text) {
    return NUMBER.matcher(text).results()
        .map(r -> r.group().replace(",", ""))
        .map(AnswerFeatures::canonicalNumber)
        .toList();
  }

  /** "18.00" and "18" are the same answer. */
  private static String canonicalNumber(String number) {
    if (!number.contains(".")) {
      return number;
    }
    String trimmed = number.replaceAll("0+$", "");
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static String tail(String text, int chars) {
    return text.substring(Math.max(0, text.length() - chars));
  }

  private static boolean endsWithNumber(String answer) {
    String end = tail(answer.strip(), 40);
    return Pattern.compile("\\d[\\d,.]*\\s*\\W{0,4}\\s*[a-zA-Z]{0,12}[.!]?\\s*$").matcher(end)
        .find();
  }

  private static double repeatedLines(String answer) {
    List<String> lines = Arrays.stream(answer.split("\n"))
        .map(String::strip).filter(l -> l.length() > 10).toList();
    if (lines.isEmpty()) {
      return 0;
    }
    Set<String> distinct = new HashSet<>(lines);
    return 1.0 - (double) distinct.size() / lines.size();
  }

  private static boolean endsCleanly(String answer) {
    String stripped = answer.strip();
    if (stripped.isEmpty()) {
      return false;
    }
    char last = stripped.charAt(stripped.length() - 1);
    return ".!?)]}*`\"'$".indexOf(last) >= 0 || Character.isDigit(last);
  }
}
