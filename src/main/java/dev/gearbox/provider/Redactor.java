package dev.gearbox.provider;

import dev.gearbox.model.GatewayError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Removes a provider's secrets (its API key, credentials in configured headers) from any
 * text that leaves the provider: error messages, log lines, upstream bodies. Upstreams do echo
 * what they received (a 401 body quoting the key, a proxy quoting the headers it got), so every
 * upstream-derived string passes through here, not only the ones we format ourselves.
 */
final class Redactor {
  static final String MASK = "[redacted]";

  /** A key shown masked ({@code sk-proj-****...abcd}): its visible ends are still ours. */
  private static final Pattern MASKED_KEY =
      Pattern.compile("[A-Za-z0-9_\\-]*\\*{4,}[A-Za-z0-9_\\-]*");

  private static final Pattern CREDENTIAL_HEADER =
      Pattern.compile("(?i)auth|key|token|secret|password");

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets =
        secrets.stream()
            .filter(secret -> !secret.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /**
   * The secrets of a provider: its API key, and the values of configured headers whose names
   * say they carry a credential ({@code Authorization: Basic ...}, {@code api-key}), with the
   * credential part after an auth scheme on its own too.
   */
  static Redactor of(Optional<String> apiKey, Map<String, String> extraHeaders) {
    List<String> secrets = new ArrayList<>();
    apiKey.ifPresent(secrets::add);
    extraHeaders.forEach(
        (name, value) -> {
          if (CREDENTIAL_HEADER.matcher(name).find()) {
            String credential = value.strip();
            secrets.add(credential);
            int space = credential.indexOf(' ');
            if (space > 0) {
              secrets.add(credential.substring(space + 1).strip());
            }
          }
        });
    return new Redactor(secrets);
  }

  /** {@code text} with every secret replaced by {@value #MASK}. */
  String scrub(String text) {
    String clean = text;
    for (String secret : secrets) {
      clean = clean.replace(secret, MASK);
    }
    return MASKED_KEY.matcher(clean).replaceAll(MASK);
  }

  /** {@code text} scrubbed and cut to {@code maxChars}, for DEBUG logs of upstream bodies. */
  String excerpt(String text, int maxChars) {
    String clean = scrub(text);
    return clean.length() <= maxChars ? clean : clean.substring(0, maxChars) + "...";
  }

  boolean leaks(String text) {
    return secrets.stream().anyMatch(text::contains) || MASKED_KEY.matcher(text).find();
  }

  /** The same error with its message scrubbed; the error itself when nothing leaks. */
  GatewayError scrub(GatewayError error) {
    if (!leaks(error.message())) {
      return error;
    }
    String m = scrub(error.message());
    return switch (error) {
      case GatewayError.InvalidRequest e -> new GatewayError.InvalidRequest(m, e.param());
      case GatewayError.Unauthorized ignored -> new GatewayError.Unauthorized(m);
      case GatewayError.Forbidden ignored -> new GatewayError.Forbidden(m);
      case GatewayError.ModelNotFound ignored -> new GatewayError.ModelNotFound(m);
      case GatewayError.NotFound ignored -> new GatewayError.NotFound(m);
      case GatewayError.MethodNotAllowed ignored -> new GatewayError.MethodNotAllowed(m);
      case GatewayError.PayloadTooLarge ignored -> new GatewayError.PayloadTooLarge(m);
      case GatewayError.RateLimited e -> new GatewayError.RateLimited(m, e.retryAfterSeconds());
      case GatewayError.BudgetExceeded ignored -> new GatewayError.BudgetExceeded(m);
      case GatewayError.ContextLengthExceeded ignored -> new GatewayError.ContextLengthExceeded(m);
      case GatewayError.UpstreamFailed e ->
          new GatewayError.UpstreamFailed(m, e.upstreamStatus(), e.retryAfterSeconds());
      case GatewayError.UpstreamRejected e ->
          new GatewayError.UpstreamRejected(m, e.upstreamStatus());
      case GatewayError.UpstreamUnusable e ->
          new GatewayError.UpstreamUnusable(m, e.upstreamStatus());
      case GatewayError.UpstreamTimeout ignored -> new GatewayError.UpstreamTimeout(m);
      case GatewayError.UpstreamUnreachable ignored -> new GatewayError.UpstreamUnreachable(m);
      case GatewayError.Internal ignored -> new GatewayError.Internal(m);
    };
  }
}
