package dev.gearbox.model;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * Every way a request can fail, as a closed set. Each kind knows the HTTP status the client
 * sees, the error type names of both wire formats, the log level an operator wants, and whether
 * trying again (or trying another upstream) may help. {@link #message()} is shown to clients, so
 * it must never hold internal detail or a secret: say what was wrong and what is accepted.
 */
public sealed interface GatewayError {

  String message();

  int httpStatus();

  /** OpenAI's {@code error.type}. */
  String openAiType();

  /** Anthropic's {@code error.type}. */
  String anthropicType();

  /** OpenAI's {@code error.code}, when the kind has one. */
  default Optional<String> code() {
    return Optional.empty();
  }

  /** The request parameter at fault, when one is. */
  default Optional<String> param() {
    return Optional.empty();
  }

  /**
   * How long the client should wait before trying again, in seconds, as the {@code Retry-After}
   * header says it; 0 when there is no such hint.
   */
  default long retryAfterSeconds() {
    return 0;
  }

  /** Whether the same call may succeed on a retry or on another upstream. */
  default boolean retryable() {
    return false;
  }

  default Level logLevel() {
    return Level.DEBUG;
  }

  default GatewayException toException() {
    return new GatewayException(this);
  }

  /** Malformed JSON, wrong types, missing fields, values out of range, unsupported parameters. */
  record InvalidRequest(String message, Optional<String> param) implements GatewayError {
    public InvalidRequest {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(param, "param");
    }

    public static InvalidRequest of(String message) {
      return new InvalidRequest(message, Optional.empty());
    }

    public static InvalidRequest forParam(String param, String message) {
      return new InvalidRequest(message, Optional.of(param));
    }

    public int httpStatus() {
      return 400;
    }

    public String openAiType() {
      return "invalid_request_error";
    }

    public String anthropicType() {
      return "invalid_request_error";
    }
  }

  record Unauthorized(String message) implements GatewayError {
    public int httpStatus() {
      return 401;
    }

    public String openAiType() {
      return "invalid_request_error";
    }

    public String anthropicType() {
      return "authentication_error";
    }

    public Optional<String> code() {
      return Optional.of("invalid_api_key");
    }
  }

  /** Policy refusal: a data label or air-gap rule forbids every provider that could serve. */
  record Forbidden(String message) implements GatewayError {
    public int httpStatus() {
      return 403;
    }

    public String openAiType() {
      return "permission_error";
    }

    public String anthropicType() {
      return "permission_error";
    }
  }

  record ModelNotFound(String message) implements GatewayError {
    public int httpStatus() {
      return 404;
    }

    public String openAiType() {
      return "invalid_request_error";
    }

    public String anthropicType() {
      return "not_found_error";
    }

    public Optional<String> code() {
      return Optional.of("model_not_found");
    }

    public Optional<String> param() {
      return Optional.of("model");
    }
  }

  record NotFound(String message) implements GatewayError {
    public int httpStatus() {
      return 404;
    }

    public String openAiType() {
      return "invalid_request_error";
    }

    public String anthropicType() {
      return "not_found_error";
    }
  }

  /** A served path asked with a method it does not take. */
  record MethodNotAllowed(String message) implements GatewayError {
    public int httpStatus() {
      return 405;
    }

    public String openAiType() {
      return "invalid_request_error";
    }

    public String anthropicType() {
      return "invalid_request_error";
    }
  }

  record PayloadTooLarge(String message) implements GatewayError {
    public int httpStatus() {
      return 413;
    }

    public String openAiType() {
      return "invalid_request_error";
    }

    public String anthropicType() {
      return "request_too_large";
    }
  }

  /** A gateway rate limit (requests, tokens or concurrency per key) refused the request. */
  record RateLimited(String message, long retryAfterSeconds) implements GatewayError {
    public int httpStatus() {
      return 429;
    }

    public String openAiType() {
      return "rate_limit_error";
    }

    public String anthropicType() {
      return "rate_limit_error";
    }

    public Optional<String> code() {
      return Optional.of("rate_limit_exceeded");
    }

    public boolean retryable() {
      return true;
    }
  }

  /**
   * A hard budget would be exceeded. 402 rather than 429 so that SDKs, which retry 429 on their
   * own, do not hammer a budget that will not reset for hours.
   */
  record BudgetExceeded(String message) implements GatewayError {
    public int httpStatus() {
      return 402;
    }

    public String openAiType() {
      return "insufficient_quota";
    }

    public String anthropicType() {
      return "billing_error";
    }

    public Optional<String> code() {
      return Optional.of("budget_exceeded");
    }

    public Level logLevel() {
      return Level.INFO;
    }
  }

  /** The prompt does not fit the model's context window, however the upstream worded it. */
  record ContextLengthExceeded(String message) implements GatewayError {
    public int httpStatus() {
      return 400;
    }

    public String openAiType() {
      return "invalid_request_error";
    }

    public String anthropicType() {
      return "invalid_request_error";
    }

    public Optional<String> code() {
      return Optional.of("context_length_exceeded");
    }

    /** Another model with a larger window may serve it, so fallback applies. */
    public boolean retryable() {
      return true;
    }
  }

  /**
   * An upstream answered with an error status (or a malformed answer) that may pass. A rate limit
   * stays a 429 and an overloaded upstream (503, or Anthropic's 529) a 503, so that SDKs back off
   * as they would against the provider itself; anything else is the gateway's 502.
   */
  record UpstreamFailed(String message, int upstreamStatus, long retryAfterSeconds)
      implements GatewayError {
    public int httpStatus() {
      return upstreamStatus == 429 ? 429 : isOverloaded() ? 503 : 502;
    }

    public String openAiType() {
      return upstreamStatus == 429 ? "rate_limit_error" : "api_error";
    }

    public String anthropicType() {
      return upstreamStatus == 429 ? "rate_limit_error"
          : isOverloaded() ? "overloaded_error" : "api_error";
    }

    private boolean isOverloaded() {
      return upstreamStatus == 503 || upstreamStatus == 529;
    }

    public boolean retryable() {
      return true;
    }

    public Level logLevel() {
      return Level.WARN;
    }
  }

  /** An upstream refused the request as invalid (a 4xx other than 429): not worth a retry. */
  record UpstreamRejected(String message, int upstreamStatus) implements GatewayError {
    public int httpStatus() {
      return upstreamStatus;
    }

    public String openAiType() {
      return "invalid_request_error";
    }

    public String anthropicType() {
      return "invalid_request_error";
    }

    public Level logLevel() {
      return Level.INFO;
    }
  }

  /**
   * An upstream refused the gateway itself rather than the request: it does not accept the
   * gateway's key (401, 403), the gateway's account there has no credit or quota left (402, a
   * quota 429), it does not serve the model (404), or its base URL does not reach the API (a
   * redirect, a web page, TLS that cannot be set up). Retrying it is pointless, but another
   * provider may serve the same request. The client sees 404 for a model the upstream does not
   * serve and 502 otherwise: the fault is the gateway's configuration, not the client's key,
   * budget or rate.
   */
  record UpstreamUnusable(String message, int upstreamStatus) implements GatewayError {
    public int httpStatus() {
      return upstreamStatus == 404 ? 404 : 502;
    }

    public String openAiType() {
      return upstreamStatus == 404 ? "invalid_request_error" : "api_error";
    }

    public String anthropicType() {
      return upstreamStatus == 404 ? "not_found_error" : "api_error";
    }

    public boolean retryable() {
      return true;
    }

    public Level logLevel() {
      return Level.WARN;
    }
  }

  record UpstreamTimeout(String message) implements GatewayError {
    public int httpStatus() {
      return 504;
    }

    public String openAiType() {
      return "timeout";
    }

    public String anthropicType() {
      return "timeout_error";
    }

    public boolean retryable() {
      return true;
    }

    public Level logLevel() {
      return Level.WARN;
    }
  }

  /** The connection to an upstream failed or dropped. */
  record UpstreamUnreachable(String message) implements GatewayError {
    public int httpStatus() {
      return 502;
    }

    public String openAiType() {
      return "api_error";
    }

    public String anthropicType() {
      return "api_error";
    }

    public boolean retryable() {
      return true;
    }

    public Level logLevel() {
      return Level.WARN;
    }
  }

  /** A bug or an unexpected state in the gateway; the detail stays in the server log. */
  record Internal(String message) implements GatewayError {
    public int httpStatus() {
      return 500;
    }

    public String openAiType() {
      return "api_error";
    }

    public String anthropicType() {
      return "api_error";
    }

    public Level logLevel() {
      return Level.ERROR;
    }
  }
}
