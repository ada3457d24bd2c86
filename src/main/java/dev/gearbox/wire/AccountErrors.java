package dev.gearbox.wire;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises "the account has no credit or quota left" however an upstream words it. Such an
 * error comes as 429 from OpenAI ({@code insufficient_quota}: "You exceeded your current
 * quota, please check your plan and billing details"), as 400 from Anthropic ("Your credit
 * balance is too low to access the Anthropic API"), as 402 or 403 from resellers and one-api
 * style proxies ("Insufficient credits", {@code insufficient_user_quota}). Unlike a rate limit
 * it does not pass by waiting, so it is never retried on the same upstream.
 *
 * <p>A per-minute quota is a rate limit, not an empty account: Gemini's 429 "Quota exceeded for
 * metric ... per minute" does not match.
 */
public final class AccountErrors {
  private static final List<Pattern> PHRASINGS = List.of(
      Pattern.compile("insufficient_(user_)?quota"),
      Pattern.compile("exceeded your current quota"),
      Pattern.compile("credit balance is too low"),
      Pattern.compile("insufficient (credits|balance|funds)"),
      Pattern.compile("billing_hard_limit_reached"));

  private AccountErrors() {}

  /**
   * Whether an upstream error says the account it was sent on has no credit or quota left.
   *
   * @param status the upstream's HTTP status
   * @param upstreamErrorBody the error body as received (JSON or plain text)
   */
  public static boolean spent(int status, String upstreamErrorBody) {
    if (status == 402) {
      return true;
    }
    if (status != 400 && status != 403 && status != 429) {
      return false;
    }
    return says(upstreamErrorBody);
  }

  /** Whether an error's text, whatever its status, says the account is spent. */
  public static boolean says(String upstreamError) {
    String text = upstreamError.toLowerCase(Locale.ROOT);
    return PHRASINGS.stream().anyMatch(p -> p.matcher(text).find());
  }
}
