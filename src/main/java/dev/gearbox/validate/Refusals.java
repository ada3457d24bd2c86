package dev.gearbox.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises an answer that declines the task instead of doing it. Only the opening of the
 * answer is read, and only short answers count: a long answer that starts with "I'm sorry, but
 * the premise is wrong" and then solves the problem is an answer, not a refusal. The phrases are
 * the stock openings of instruction-tuned models (OpenAI, Anthropic, Llama, Mistral families).
 */
final class Refusals {
  /** Refusals are short; beyond this many characters the model did produce an answer. */
  static final int MAX_REFUSAL_CHARS = 600;
  private static final int OPENING_CHARS = 160;

  private static final Pattern OPENING = Pattern.compile(
      "^(?:i'?m sorry|i am sorry|sorry|i apologi[sz]e|unfortunately|as an ai)?[ ,.!]*"
          + "(?:but )?(?:as an ai(?: language model)?,? )?"
          + "(?:i|we)(?:'m| am|'re| are)? "
          + "(?:(?:can(?:'|no)?t|cannot|won'?t|will not|not able to|unable to) "
          + "(?:help|assist|provide|comply|fulfil+|do that|answer|create|write|generate|support"
          + "|engage|continue|share|give)"
          + "|must decline|(?:do not|don'?t) feel comfortable)");

  private Refusals() {}

  static boolean isRefusal(String answer) {
    String text = answer.strip();
    if (text.isEmpty() || text.length() > MAX_REFUSAL_CHARS) {
      return false;
    }
    String opening = text.substring(0, Math.min(OPENING_CHARS, text.length()))
        .toLowerCase(Locale.ROOT)
        .replace('\u2019', '\'');
    return OPENING.matcher(opening).find();
  }
}
