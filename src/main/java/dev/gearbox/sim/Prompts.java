package dev.gearbox.sim;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import java.util.List;

/** How the simulator reads the prompt side of a request. */
final class Prompts {
  private Prompts() {}

  /**
   * The text with every run of whitespace (spaces, tabs, line ends, non-breaking spaces) made one
   * space and the ends trimmed: clients and templates reflow prompts, and a recorded prompt
   * should still match.
   */
  static String normalize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = !out.isEmpty();
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The texts of the user turns, oldest first. */
  static List<String> userTurns(ChatRequest request) {
    return request.messages().stream()
        .filter(m -> m.role() == Role.USER)
        .map(Message::text)
        .toList();
  }

  /** The user turns and the system text together: what a generated answer is seeded by. */
  static String seedText(ChatRequest request) {
    return request.systemText().orElse("") + "\u0000" + String.join("\u0000", userTurns(request));
  }
}
