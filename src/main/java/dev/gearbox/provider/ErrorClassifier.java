package dev.gearbox.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.wire.AccountErrors;
import dev.gearbox.wire.ContextLengthErrors;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where upstream failures become {@link GatewayError}s: an HTTP status and body, a
 * broken or refused connection, a timeout. Messages name the provider, never its URL or key, and
 * quote the upstream's own error text only after {@link Redactor} has cleaned it.
 *
 * <p>Context-length errors are recognised by their wording (each server words them differently,
 * some with status 400, some 500), so that test runs first; 408 counts as a timeout, since it
 * says the upstream gave up waiting, which another try may beat.
 */
final class ErrorClassifier {
  private static final int BAD_GATEWAY = 502;

  private static final Logger log = LoggerFactory.getLogger(ErrorClassifier.class);

  private static final int LOGGED_BODY_CHARS = 500;
  private static final int QUOTED_MESSAGE_CHARS = 300;

  private final String provider;
  private final Duration connectTimeout;
  private final Redactor redactor;
  private final Clock clock;

  ErrorClassifier(ProviderSpec spec, Redactor redactor, Clock clock) {
    this.provider = spec.name();
    this.connectTimeout = spec.connectTimeout();
    this.redactor = redactor;
    this.clock = clock;
  }

  /** The error for an answer other than 200; the status travels as the cause. */
  GatewayException fromStatus(int status, HttpHeaders headers, byte[] body, String model) {
    String text = new String(body, StandardCharsets.UTF_8);
    log.debug(
        "upstream '{}' answered HTTP {} for model '{}': {}",
        provider,
        status,
        model,
        redactor.excerpt(text, LOGGED_BODY_CHARS));
    GatewayError error = classify(status, headers, text, model);
    return new GatewayException(redactor.scrub(error), new UpstreamStatus(provider, status));
  }

  /**
   * The error for a 200 answer that could not be read, or that held an error object: the
   * wire's verdict on it, cleaned, with the status kept for the attempt record.
   */
  GatewayException unreadable(GatewayException decodeFailure, String model) {
    log.debug(
        "upstream '{}' sent an unusable answer for model '{}': {}",
        provider,
        model,
        redactor.scrub(decodeFailure.getMessage()));
    return new GatewayException(
        redactor.scrub(decodeFailure.error()), new UpstreamStatus(provider, 200));
  }

  /**
   * The error for a connection that failed or broke; {@code phase} says what we were doing. A
   * host name that does not resolve and TLS that cannot be set up are named as such: "refused"
   * or "broke" would send an operator looking in the wrong place. TLS failing is a configuration
   * fault no retry mends, so the request falls back at once.
   */
  GatewayException fromIo(IOException e, String phase) {
    log.debug(
        "upstream '{}' connection failed while {}: {}",
        provider,
        phase,
        redactor.scrub(String.valueOf(e)));
    return new GatewayException(connectionError(e, phase), e);
  }

  private GatewayError connectionError(IOException e, String phase) {
    if (causedBy(e, SSLException.class)) {
      return new GatewayError.UpstreamUnusable(
          ("a TLS connection to upstream '%s' could not be set up (a certificate it does not"
                  + " trust, or https for a plain-http server); the operator should check its"
                  + " base URL")
              .formatted(provider),
          BAD_GATEWAY);
    }
    if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
      return new GatewayError.UpstreamUnreachable(
          "the host name of upstream '%s' could not be resolved".formatted(provider));
    }
    return switch (e) {
      case HttpConnectTimeoutException ignored ->
          new GatewayError.UpstreamUnreachable(
              "upstream '%s' did not accept a connection within %d ms"
                  .formatted(provider, connectTimeout.toMillis()));
      case HttpTimeoutException ignored ->
          new GatewayError.UpstreamTimeout(
              "upstream '%s' did not answer in time".formatted(provider));
      case ConnectException ignored ->
          new GatewayError.UpstreamUnreachable(
              "upstream '%s' refused the connection".formatted(provider));
      default ->
          new GatewayError.UpstreamUnreachable(
              "the connection to upstream '%s' broke while %s".formatted(provider, phase));
    };
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (kind.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The error for a 200 answer that is a web page: the base URL reaches a web UI, a login or
   * captive portal, not the API. Nothing of the page is quoted.
   */
  GatewayException notTheApi(String contentType) {
    log.warn("upstream '{}' answered with a web page ({}), not the API", provider, contentType);
    return new GatewayError.UpstreamUnusable(
            ("upstream '%s' answered with a web page, not the API; the operator should check its"
                    + " base URL")
                .formatted(provider),
            200)
        .toException();
  }

  private static String withoutQuery(String location) {
    int cut = location.indexOf('?');
    return cut < 0 ? location : location.substring(0, cut);
  }

  /** The error for a body in a content encoding the gateway cannot decode. */
  GatewayException unreadableEncoding(String coding) {
    return new GatewayError.UpstreamFailed(
            "upstream '%s' sent its answer in content encoding '%s', which the gateway cannot read"
                .formatted(provider, coding),
            BAD_GATEWAY,
            0)
        .toException();
  }

  /** The error for a compressed body that does not decompress. */
  GatewayException undecodable(IOException e) {
    log.debug("upstream '{}' sent a body that does not decompress: {}", provider, e.toString());
    return new GatewayException(
        new GatewayError.UpstreamFailed(
            "upstream '%s' sent a compressed answer that does not decompress".formatted(provider),
            BAD_GATEWAY,
            0),
        e);
  }

  /** The error for an attempt that ran out of time while {@code phase}. */
  GatewayException timeout(String phase, Duration waited) {
    return new GatewayError.UpstreamTimeout(
            "upstream '%s' timed out after %d ms while %s"
                .formatted(provider, waited.toMillis(), phase))
        .toException();
  }

  private GatewayError classify(int status, HttpHeaders headers, String body, String model) {
    Optional<String> quoted = upstreamMessage(body);
    if (ContextLengthErrors.matches(status, body)) {
      return new GatewayError.ContextLengthExceeded(
          "the prompt does not fit the context window of model '%s'%s"
              .formatted(model, quoted.map(q -> " (upstream said: " + q + ")").orElse("")));
    }
    Optional<GatewayError> unusable = unusable(status, headers, body, model, quoted);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    if (status == 429) {
      return new GatewayError.UpstreamFailed(
          "upstream '%s' is rate limiting requests (HTTP 429)".formatted(provider),
          429,
          rateLimitWait(headers));
    }
    if (status == 408) {
      return new GatewayError.UpstreamTimeout(
          "upstream '%s' timed out waiting for the request (HTTP 408)".formatted(provider));
    }
    if (status >= 500 || status < 400) {
      return new GatewayError.UpstreamFailed(
          "upstream '%s' failed with HTTP %d".formatted(provider, status),
          status,
          RetryAfter.seconds(headers, clock));
    }
    return rejected(status, quoted);
  }

  /** Retry-After when the upstream sent one, else the reset of the limit that ran out. */
  private long rateLimitWait(HttpHeaders headers) {
    long retryAfter = RetryAfter.seconds(headers, clock);
    return retryAfter > 0 ? retryAfter : RateLimitReset.seconds(headers, clock);
  }

  /**
   * An answer that refuses the gateway itself, not the request: its key (401, 403), its
   * account's credit or quota ({@link AccountErrors}), the model (404, which is also what a
   * wrong base URL gets), or a redirect (an http base URL for an https server, a moved path). The
   * client sees it as the gateway's fault, so SDKs do not report the client's own key as invalid;
   * the chain falls back without retrying.
   */
  private Optional<GatewayError> unusable(
      int status, HttpHeaders headers, String body, String model, Optional<String> quoted) {
    String said = quoted.map(q -> ": " + q).orElse("");
    if (AccountErrors.spent(status, body)) {
      return Optional.of(new GatewayError.UpstreamUnusable(
          "upstream '%s' says the gateway's account has no credit or quota left (HTTP %d)%s"
              .formatted(provider, status, said),
          status));
    }
    if (status == 401 || status == 403) {
      return Optional.of(new GatewayError.UpstreamUnusable(
          ("upstream '%s' refused the gateway's credentials (HTTP %d); the operator should check"
                  + " the provider's API key")
              .formatted(provider, status),
          status));
    }
    if (status >= 300 && status < 400) {
      log.warn(
          "upstream '{}' redirected to {}; its base URL should probably be that address",
          provider,
          headers.firstValue("location").map(ErrorClassifier::withoutQuery).orElse("nowhere"));
      return Optional.of(new GatewayError.UpstreamUnusable(
          ("upstream '%s' answered with a redirect (HTTP %d), which the gateway does not follow;"
                  + " the operator should check its base URL")
              .formatted(provider, status),
          status));
    }
    if (status == 404) {
      return Optional.of(new GatewayError.UpstreamUnusable(
          ("upstream '%s' does not serve model '%s' (HTTP 404; or its base URL is wrong)%s")
              .formatted(provider, model, said),
          status));
    }
    return Optional.empty();
  }

  private GatewayError rejected(int status, Optional<String> quoted) {
    return new GatewayError.UpstreamRejected(
        "upstream '%s' rejected the request (HTTP %d)%s"
            .formatted(provider, status, quoted.map(q -> ": " + q).orElse("")),
        status);
  }

  /**
   * The human-readable message inside an upstream error body: {@code error.message} (OpenAI,
   * Anthropic, llama.cpp), {@code error} as a string (Ollama, TGI), top-level {@code message}
   * (older vLLM, SGLang) or {@code detail} (FastAPI servers); scrubbed and shortened.
   */
  private Optional<String> upstreamMessage(String body) {
    return parse(body)
        .flatMap(ErrorClassifier::messageField)
        .filter(text -> !text.isBlank())
        .map(text -> redactor.excerpt(text.strip(), QUOTED_MESSAGE_CHARS));
  }

  private static Optional<JsonNode> parse(String body) {
    try {
      return Optional.of(Json.MAPPER.readTree(body)).filter(JsonNode::isObject);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> messageField(JsonNode root) {
    JsonNode error = root.path("error");
    if (error.isTextual()) {
      return Optional.of(error.asText());
    }
    for (JsonNode candidate :
        new JsonNode[] {error.path("message"), root.path("message"), root.path("detail")}) {
      if (candidate.isTextual()) {
        return Optional.of(candidate.asText());
      }
    }
    return Optional.empty();
  }
}
