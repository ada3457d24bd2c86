package dev.gearbox.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text cut into pieces that can be ranked and dropped one by one: sentences and lines, with
 * fragments of a few words joined to the piece after them (a bullet's "1." belongs to its line)
 * and long runs cut at {@link #MAX_WORDS} words. MiniLM reads only the first 128 word pieces of
 * its input, so a piece is kept well under that.
 */
final class Passage {
  static final int MAX_WORDS = 60;
  private static final int MIN_WORDS = 4;
  private static final Pattern BREAK = Pattern.compile("(?<=[.!?])\\s+|\\s*\\n\\s*");

  private final String text;
  private final List<int[]> spans;

  private Passage(String text, List<int[]> spans) {
    this.text = text;
    this.spans = spans;
  }

  static Passage of(String text) {
    List<int[]> raw = new ArrayList<>();
    Matcher m = BREAK.matcher(text);
    int start = 0;
    while (m.find()) {
      addSpan(text, start, m.start(), raw);
      start = m.end();
    }
    addSpan(text, start, text.length(), raw);
    return new Passage(text, mergeShort(text, raw));
  }

  private static void addSpan(String text, int start, int end, List<int[]> spans) {
    if (text.substring(start, end).isBlank()) {
      return;
    }
    int pieceStart = start;
    int words = 0;
    for (int i = start; i < end; i++) {
      boolean wordStart = !Character.isWhitespace(text.charAt(i))
          && (i == start || Character.isWhitespace(text.charAt(i - 1)));
      if (wordStart && ++words > MAX_WORDS) {
        spans.add(new int[] {pieceStart, i});
        pieceStart = i;
        words = 1;
      }
    }
    spans.add(new int[] {pieceStart, end});
  }

  private static List<int[]> mergeShort(String text, List<int[]> spans) {
    List<int[]> merged = new ArrayList<>();
    int[] pending = null;
    for (int[] span : spans) {
      int[] current = pending == null ? span : new int[] {pending[0], span[1]};
      if (words(text, current) < MIN_WORDS) {
        pending = current;
      } else {
        merged.add(current);
        pending = null;
      }
    }
    if (pending != null) {
      if (merged.isEmpty()) {
        merged.add(pending);
      } else {
        merged.set(merged.size() - 1, new int[] {merged.getLast()[0], pending[1]});
      }
    }
    return merged;
  }

  private static int words(String text, int[] span) {
    String piece = text.substring(span[0], span[1]).strip();
    return piece.isEmpty() ? 0 : piece.split("\\s+").length;
  }

  int size() {
    return spans.size();
  }

  String piece(int i) {
    return text.substring(spans.get(i)[0], spans.get(i)[1]).strip();
  }

  /**
   * The text with only the pieces in {@code kept} (ascending indexes), each run of dropped
   * pieces marked by an ellipsis, line breaks between kept pieces preserved.
   */
  String keeping(List<Integer> kept) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i : kept) {
      if (!out.isEmpty()) {
        out.append(separatorBefore(i));
      }
      if (i > next) {
        out.append("… ");
      }
      out.append(piece(i));
      next = i + 1;
    }
    if (next < spans.size()) {
      out.append(" …");
    }
    return out.toString();
  }

  private String separatorBefore(int i) {
    String gap = text.substring(spans.get(i - 1)[1], spans.get(i)[0]);
    return gap.contains("\n") ? "\n" : " ";
  }
}
