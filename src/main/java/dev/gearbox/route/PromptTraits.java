package dev.gearbox.route;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The simple features of a request that the router uses beside the prompt's embedding: how long
 * the last user message is (the embedding model reads only its first 128 word pieces, so length
 * carries what the vector cannot), how deep the conversation is, and whether the request
 * involves code, maths, tools or JSON output. Measured on the bundled GSM8K set, prompt length
 * alone recovers more of the quality gap than the embedding alone; together they do better.
 *
 * @param promptChars characters of the last user message
 * @param turns user turns in the conversation (1 for a single question)
 */
public record PromptTraits(
    int promptChars, int turns, boolean code, boolean math, boolean tools, boolean jsonOutput) {

  /** The names of {@link #features()}, in order. */
  public static final List<String> NAMES =
      List.of("log_prompt_chars", "log_turns", "code", "math", "tools", "json_output");

  private static final Pattern CODE = Pattern.compile(
      "```|\\bdef |\\bclass |\\bfunction\\b|\\breturn\\b|#include|\\bimport |;\\s*$|\\{\\s*$"
          + "|\\bSELECT\\b|\\bpython\\b|\\bjava(script)?\\b|\\bcode\\b",
      Pattern.MULTILINE);
  private static final Pattern MATH = Pattern.compile(
      "\\d+\\s*[-+*/^=×÷]\\s*\\d+|\\$[^$]+\\$|\\\\frac|\\bsolve\\b|\\bequation\\b|\\bcalculate\\b"
          + "|\\bhow many\\b|\\bhow much\\b|\\bprobability\\b|\\bintegral\\b|\\bderivative\\b",
      Pattern.CASE_INSENSITIVE);

  public PromptTraits {
    if (promptChars < 0 || turns < 1) {
      throw new IllegalArgumentException("a prompt has a length >= 0 and at least one turn");
    }
  }

  /** The traits of a text prompt that is the {@code turns}-th user turn, without tools. */
  public static PromptTraits ofText(String lastUserText, int turns) {
    return new PromptTraits(lastUserText.length(), Math.max(1, turns),
        CODE.matcher(lastUserText).find(), MATH.matcher(lastUserText).find(), false, false);
  }

  /** The traits of a request as it arrived. */
  public static PromptTraits of(ChatRequest request) {
    String text = request.lastUserText().orElse("");
    int turns = (int) request.messages().stream().map(Message::role)
        .filter(r -> r == Role.USER).count();
    boolean json = request.responseFormat()
        .map(f -> !(f instanceof ResponseFormat.Text)).orElse(false);
    return new PromptTraits(text.length(), Math.max(1, turns), CODE.matcher(text).find(),
        MATH.matcher(text).find(), !request.tools().isEmpty(), json);
  }

  /** The numeric features, in the order of {@link #NAMES}. */
  public double[] features() {
    return new double[] {
        Math.log1p(promptChars), Math.log(turns), bit(code), bit(math), bit(tools),
        bit(jsonOutput)};
  }

  private static double bit(boolean b) {
    return b ? 1 : 0;
  }
}
