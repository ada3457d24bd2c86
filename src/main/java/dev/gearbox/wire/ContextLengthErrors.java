package dev.gearbox.wire;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises "the prompt does not fit the model's context window" however an upstream words it,
 * so the gateway can fall back to a model with a larger window instead of failing.
 *
 * <p>Every server words it differently and none but OpenAI gives a stable code. The phrasings
 * below are the ones these servers are seen to send:
 * <ul>
 *   <li>OpenAI: code {@code context_length_exceeded}; "This model's maximum context length is
 *       8192 tokens. However, your messages resulted in 9000 tokens"; "Your input exceeds the
 *       context window of this model".
 *   <li>vLLM: "This model's maximum context length is 4096 tokens. However, you requested 5000
 *       tokens (...)"; "'max_tokens' or 'max_completion_tokens' is too large: 8000. This model's
 *       maximum context length is 4096 tokens and your request has 2778 input tokens"; "Prompt
 *       length of 5016 is longer than the maximum model length of 4096"; "The decoder prompt
 *       (length 17772) is longer than the maximum model length of 16384"; "The prompt (total
 *       length 25938) is too long to fit into the model (context length 4096)".
 *   <li>llama.cpp server: type {@code exceed_context_size_error}, "request (4476 tokens) exceeds
 *       the available context size (4096 tokens)"; older builds: "the request exceeds the
 *       available context size, try increasing it".
 *   <li>SGLang: "The input (61709 tokens) is longer than the model's context length (40960
 *       tokens)."; "Input length (160062 tokens) exceeds the maximum allowed length (59862
 *       tokens)."
 *   <li>Ollama: "the input length exceeds the context length"; "input exceeds maximum context
 *       length"; "prompt too long".
 *   <li>TGI: "Input validation error: `inputs` tokens + `max_new_tokens` must be &lt;= 4096";
 *       "`inputs` must have less than 1024 tokens".
 *   <li>Anthropic: "prompt is too long: 209353 tokens &gt; 199999 maximum"; "input length and
 *       `max_tokens` exceed context limit: 197626 + 21333 &gt; 200000".
 *   <li>Gemini (OpenAI-compatible endpoint): "The input token count (N) exceeds the maximum
 *       number of tokens allowed (M)".
 *   <li>AWS Bedrock: "Input is too long for requested model".
 *   <li>xAI: "This model's maximum prompt length is 131072 but the request contains 136973
 *       tokens".
 *   <li>LM Studio: "Trying to keep the first 15857 tokens when context the overflows"; "The number
 *       of tokens to keep from the initial prompt is greater than the context length".
 *   <li>llama.cpp-based servers truncating a prompt: "Cannot truncate prompt with n_keep (15028)
 *       &gt;= n_ctx (7424)".
 * </ul>
 * A 429 never matches: rate-limit messages speak of tokens too ("tokens per min (TPM): Limit
 * 30000, Requested 42000") but waiting, not a larger window, is their cure.
 */
public final class ContextLengthErrors {
  private static final List<Pattern> PHRASINGS = List.of(
      Pattern.compile("context_length_exceeded"),
      Pattern.compile("exceed_context_size_error"),
      Pattern.compile("maximum context length"),
      Pattern.compile("longer than the maximum model length"),
      Pattern.compile("too long to fit into the model"),
      Pattern.compile("exceeds? the available context size"),
      Pattern.compile("longer than the model's context length"),
      Pattern.compile("exceeds the maximum allowed length"),
      Pattern.compile("input (length )?exceeds (the )?(maximum )?context length"),
      Pattern.compile("prompt (is )?too long"),
      Pattern.compile("`inputs` tokens \\+ `max_new_tokens` must be"),
      Pattern.compile("`inputs` must have less than \\d+ tokens"),
      Pattern.compile("exceeds? context limit"),
      Pattern.compile("exceeds the context window"),
      Pattern.compile("exceeds the maximum number of tokens allowed"),
      Pattern.compile("input is too long for (the )?requested model"),
      Pattern.compile("maximum prompt length is \\d+"),
      Pattern.compile("when context the overflows"),
      Pattern.compile("tokens to keep from the initial prompt is greater than the context length"),
      Pattern.compile("cannot truncate prompt with n_keep"));

  private static final Pattern RATE_WORDING =
      Pattern.compile("per min|tokens per minute|\\(tpm\\)");

  private ContextLengthErrors() {}

  /**
   * Whether an upstream error says the request does not fit the model's context window.
   *
   * @param status the upstream's HTTP status, or 0 when unknown (an error inside a stream)
   * @param upstreamErrorBody the error body as received (JSON or plain text)
   */
  public static boolean matches(int status, String upstreamErrorBody) {
    if (!plausibleStatus(status)) {
      return false;
    }
    String text = normalise(upstreamErrorBody);
    if (RATE_WORDING.matcher(text).find()) {
      return false;
    }
    return PHRASINGS.stream().anyMatch(p -> p.matcher(text).find());
  }

  private static boolean plausibleStatus(int status) {
    return status == 0 || status == 500 || (status >= 400 && status < 500 && status != 429);
  }

  /** Lower case, with the escaped apostrophes JSON and Python reprs produce made plain. */
  private static String normalise(String body) {
    return body.toLowerCase(Locale.ROOT)
        .replace("\\u0027", "'")
        .replace("\\'", "'")
        .replace('\u2019', '\'');
  }
}
