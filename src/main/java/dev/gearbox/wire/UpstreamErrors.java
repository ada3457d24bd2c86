package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.GatewayError;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an upstream's error means for the gateway, from an error answer or an error sent inside a
 * stream, in either format (OpenAI, Anthropic, and the shapes of vLLM, llama.cpp, Ollama, TGI).
 *
 * <p>The upstream's own message is passed on, because it is often the most useful thing a client
 * can read ("prompt is too long: 209353 tokens &gt; 199999 maximum"), but clipped and with
 * anything shaped like a credential blanked: some upstreams echo part of the key they refused.
 */
public final class UpstreamErrors {
  private static final int MAX_MESSAGE_CHARS = 500;
  private static final Pattern CREDENTIAL = Pattern.compile(
      "(?i)(bearer\\s+\\S+|\\b(sk|pk|rk|key|api|token)[-_][A-Za-z0-9_\\-*.]{6,})");

  private UpstreamErrors() {}

  /**
   * The gateway error for an upstream's HTTP error answer.
   *
   * @param status the upstream's status (4xx or 5xx)
   * @param body the answer body as received; JSON or plain text
   * @param retryAfterSeconds the upstream's Retry-After, or 0
   */
  public static GatewayError fromResponse(int status, String body, long retryAfterSeconds) {
    String message = safe(message(body));
    if (ContextLengthErrors.matches(status, body)) {
      return new GatewayError.ContextLengthExceeded(
          "the prompt does not fit the model's context window (upstream: " + message + ")");
    }
    String said = "upstream answered " + status + ": " + message;
    if (status == 429 || status >= 500 || status == 401 || status == 403 || status == 408) {
      return new GatewayError.UpstreamFailed(said, status, retryAfterSeconds);
    }
    return new GatewayError.UpstreamRejected(said, status);
  }

  /**
   * The gateway error for an error sent inside a stream, or as the body of a 200 answer. An
   * error that refuses the gateway itself (its key, its account's credit or quota) falls back
   * without retries, as the same refusal by status would.
   *
   * @param error the {@code error} member of the event (an object, or a bare string)
   * @param rawData the event's data as received, for wording checks
   */
  static GatewayError fromStream(JsonNode error, String rawData) {
    String message = safe(error.isTextual() ? error.textValue() : error.path("message").asText(""));
    String kind = (error.path("type").asText("") + " " + error.path("code").asText(""))
        .toLowerCase(Locale.ROOT);
    String said = "upstream failed mid-stream: " + (message.isEmpty() ? kind.strip() : message);
    if (ContextLengthErrors.matches(0, rawData)) {
      return new GatewayError.ContextLengthExceeded(
          "the prompt does not fit the model's context window (upstream: " + message + ")");
    }
    if (kind.contains("402") || kind.contains("billing") || AccountErrors.says(rawData)) {
      return new GatewayError.UpstreamUnusable(
          "upstream says the gateway's account has no credit or quota left: "
              + (message.isEmpty() ? kind.strip() : message),
          402);
    }
    if (kind.contains("401") || kind.contains("403") || kind.contains("authentication")
        || kind.contains("permission")) {
      return new GatewayError.UpstreamUnusable(
          "upstream refused the gateway's credentials; the operator should check the provider's"
              + " API key",
          401);
    }
    if (kind.contains("rate_limit") || kind.contains("429")) {
      return new GatewayError.UpstreamFailed(said, 429, 0);
    }
    if (kind.contains("overloaded") || kind.contains("503") || kind.contains("529")) {
      return new GatewayError.UpstreamFailed(said, 503, 0);
    }
    return new GatewayError.UpstreamFailed(said, 502, 0);
  }

  /** The upstream's own words from an error body of any known shape, else the raw text. */
  static String message(String body) {
    Optional<JsonNode> json = parse(body);
    if (json.isEmpty()) {
      return body.strip();
    }
    JsonNode root = json.get();
    JsonNode error = root.path("error");
    if (error.isTextual()) {
      return error.textValue();
    }
    for (JsonNode candidate : new JsonNode[] {error.path("message"), root.path("message"),
        root.path("detail")}) {
      if (candidate.isTextual()) {
        return candidate.textValue();
      }
    }
    return body.strip();
  }

  /** Clipped to a readable length, with anything shaped like a credential blanked. */
  static String safe(String message) {
    String blanked = CREDENTIAL.matcher(message).replaceAll("[redacted]");
    String oneLine = blanked.replaceAll("\\s+", " ").strip();
    return oneLine.length() > MAX_MESSAGE_CHARS
        ? oneLine.substring(0, MAX_MESSAGE_CHARS) + "..."
        : oneLine;
  }

  private static Optional<JsonNode> parse(String body) {
    String trimmed = body.strip();
    if (!trimmed.startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readTree(trimmed));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
