package dev.gearbox.model;

/**
 * Client-chosen text (a model name, a role, a header value) as it may appear in an error message
 * and so in a log line: quoted, at most {@link #MAX_CHARS} characters, and with every character
 * that could break a line or reorder what a reader sees written as a {@code \\uXXXX} escape.
 *
 * <p>Why: error messages repeat what the client sent so that it can find its mistake, and the
 * server logs them. Unbounded, a 1 MB model name becomes a 1 MB error body and log line; with a
 * newline in it, a client writes a log line of its choosing under another request's id, and
 * right-to-left overrides make a line read differently from what it holds.
 */
public final class ClientText {
  /** Longest stretch of client text quoted, in chars; the rest is counted, not shown. */
  public static final int MAX_CHARS = 64;

  private ClientText() {}

  /** The text in single quotes, escaped and bounded: {@code 'gpt-4o\u000a'}. */
  public static String quote(String text) {
    return "'" + shown(text) + "'";
  }

  /** The text escaped and bounded, without quotes. */
  public static String shown(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 24);
    int end = Math.min(text.length(), MAX_CHARS);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (isHidden(c)) {
        out.append("\\u").append(String.format("%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (end < text.length()) {
      out.append("... (").append(text.length()).append(" chars)");
    }
    return out.toString();
  }

  /** Whether the text holds a character {@link #shown} would escape. */
  public static boolean hasHidden(String text) {
    return text.chars().anyMatch(c -> isHidden((char) c));
  }

  /** Whether the character ends a line, controls a terminal, or is invisible or reorders text. */
  static boolean isHidden(char c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR -> true;
      default -> false;
    };
  }
}
