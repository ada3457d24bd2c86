package dev.gearbox.config;

import dev.gearbox.provider.ProviderKind;
import java.net.URI;
import java.util.Optional;

/**
 * A configured base URL as the gateway needs it: up to and including {@code /v1}. Operators copy
 * base URLs from elsewhere, and two shapes are common enough to take as meant: a bare host
 * ({@code http://localhost:11434}, as Ollama's docs and the Anthropic SDK give it; every server
 * the gateway speaks to serves its API under {@code /v1}), and the whole endpoint URL pasted
 * from a curl example ({@code .../v1/chat/completions}, {@code .../v1/messages}). Any other
 * path is the operator's own routing (a proxy prefix, Gemini's {@code /v1beta/openai}) and is
 * kept as written.
 */
final class BaseUrls {
  private static final String API_ROOT = "/v1";

  private BaseUrls() {}

  /** The base URL to use for {@code written}, when it differs from what was written. */
  static Optional<URI> meant(URI written, ProviderKind kind) {
    String path = written.getRawPath() == null ? "" : written.getRawPath();
    String endpoint = kind == ProviderKind.ANTHROPIC ? "/messages" : "/chat/completions";
    String meant = path;
    if (meant.endsWith(endpoint)) {
      meant = meant.substring(0, meant.length() - endpoint.length());
    }
    if (meant.isEmpty() || meant.equals("/")) {
      meant = API_ROOT;
    }
    if (meant.equals(path)) {
      return Optional.empty();
    }
    return Optional.of(
        URI.create(written.getScheme() + "://" + written.getRawAuthority() + meant));
  }
}
