package dev.gearbox.provider;

import dev.gearbox.model.GatewayError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Removes a provider's secrets (its API key, credentials written into its base URL) from any
 * text that leaves the provider: error messages, log lines, upstream bodies. Upstreams do echo
 * what they received (a 401 body quoting the key, a proxy error quoting the URL), so every
 * upstream-derived string passes through here, not only the ones we format ourselves.
 */
final class Redactor {
  static final String MASK = "[redacted]";

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets.stream()
        .filter(secret -> !secret.isEmpty())
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  static Redactor of(Optional<String> apiKey, Optional<String> urlCredentials) {
    List<String> secrets = new ArrayList<>();
    apiKey.ifPresent(secrets::add);
    urlCredentials.ifPresent(
        info -> {
          secrets.add(info);
          int colon = info.indexOf(':');
          if (colon >= 0) {
            secrets.add(info.substring(colon + 1));
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
    return clean;
  }

  /** {@code text} scrubbed and cut to {@code maxChars}, for DEBUG logs of upstream bodies. */
  String excerpt(String text, int maxChars) {
    String clean = scrub(text);
    return clean.length() <= maxChars ? clean : clean.substring(0, maxChars) + "...";
  }

  boolean leaks(String text) {
    return secrets.stream().anyMatch(text::contains);
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
      case GatewayError.PayloadTooLarge ignored -> new GatewayError.PayloadTooLarge(m);
      case GatewayError.RateLimited e -> new GatewayError.RateLimited(m, e.retryAfterSeconds());
      case GatewayError.BudgetExceeded ignored -> new GatewayError.BudgetExceeded(m);
      case GatewayError.ContextLengthExceeded ignored -> new GatewayError.ContextLengthExceeded(m);
      case GatewayError.UpstreamFailed e ->
          new GatewayError.UpstreamFailed(m, e.upstreamStatus(), e.retryAfterSeconds());
      case GatewayError.UpstreamRejected e ->
          new GatewayError.UpstreamRejected(m, e.upstreamStatus());
      case GatewayError.UpstreamTimeout ignored -> new GatewayError.UpstreamTimeout(m);
      case GatewayError.UpstreamUnreachable ignored -> new GatewayError.UpstreamUnreachable(m);
      case GatewayError.Internal ignored -> new GatewayError.Internal(m);
    };
  }
}
