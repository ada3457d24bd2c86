package dev.gearbox.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configured upstream. {@code baseUrl} is the URL up to and including {@code /v1}
 * ({@code http://localhost:11434/v1}, {@code https://api.anthropic.com/v1}); the endpoint path is
 * appended to it. {@code apiKeyEnv} names the environment variable holding the key, never the key
 * itself. {@code attemptTimeout} bounds the wait for the response head and every silence of a
 * stream after it; {@code maxRetries} is the number of retries on the same model, so a value of 1
 * allows at most two upstream attempts before falling back.
 */
public record ProviderSpec(
    String name,
    ProviderKind kind,
    URI baseUrl,
    Optional<String> apiKeyEnv,
    Locality locality,
    Duration connectTimeout,
    Duration attemptTimeout,
    int maxRetries,
    Map<String, String> extraHeaders) {

  static final int MAX_RETRIES_LIMIT = 10;

  /** Headers the JDK HTTP client sets itself and refuses to take from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  public ProviderSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
    Objects.requireNonNull(locality, "locality");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    extraHeaders = Map.copyOf(extraHeaders);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a provider needs a name");
    }
    requireAbsoluteUrl(name, baseUrl);
    requirePositive(name, "connect timeout", connectTimeout);
    requirePositive(name, "attempt timeout", attemptTimeout);
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw new IllegalArgumentException(
          "provider '%s': retries must be between 0 and %d, got %d"
              .formatted(name, MAX_RETRIES_LIMIT, maxRetries));
    }
    extraHeaders.keySet().forEach(header -> requireSettable(name, header));
  }

  /** The same provider at another URL (the embedded simulator once it has a port). */
  public ProviderSpec withBaseUrl(URI url) {
    return new ProviderSpec(
        name,
        kind,
        url,
        apiKeyEnv,
        locality,
        connectTimeout,
        attemptTimeout,
        maxRetries,
        extraHeaders);
  }

  public ProviderSpec withKind(ProviderKind newKind) {
    return new ProviderSpec(
        name,
        newKind,
        baseUrl,
        apiKeyEnv,
        locality,
        connectTimeout,
        attemptTimeout,
        maxRetries,
        extraHeaders);
  }

  public ProviderSpec withRetries(int retries) {
    return new ProviderSpec(
        name,
        kind,
        baseUrl,
        apiKeyEnv,
        locality,
        connectTimeout,
        attemptTimeout,
        retries,
        extraHeaders);
  }

  public ProviderSpec withAttemptTimeout(Duration timeout) {
    return new ProviderSpec(
        name,
        kind,
        baseUrl,
        apiKeyEnv,
        locality,
        connectTimeout,
        timeout,
        maxRetries,
        extraHeaders);
  }

  /** The URL of an endpoint below the base URL: {@code endpoint("/chat/completions")}. */
  public URI endpoint(String path) {
    String base = Optional.ofNullable(baseUrl.getRawPath()).orElse("");
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + trimmed + path);
  }

  private static void requireAbsoluteUrl(String name, URI url) {
    if (!url.isAbsolute()) {
      throw new IllegalArgumentException(
          "provider '%s': the base URL must be absolute, such as https://api.openai.com/v1"
              .formatted(name));
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "provider '%s': the base URL must not carry credentials; name the key's environment"
                  .formatted(name)
              + " variable instead");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "provider '%s': the base URL takes no query or fragment".formatted(name));
    }
  }

  /**
   * Whether a provider can be called at {@code baseUrl}: an http(s) URL with a host. Other
   * absolute URLs are allowed in a spec so that configuration can name stand-ins (an embedded
   * simulator) that are replaced by a real URL before providers are created.
   */
  public boolean callable() {
    String scheme = Optional.ofNullable(baseUrl.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && baseUrl.getHost() != null;
  }

  private static void requirePositive(String name, String what, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          "provider '%s': the %s must be positive".formatted(name, what));
    }
  }

  private static void requireSettable(String name, String header) {
    if (RESTRICTED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "provider '%s': header '%s' is set by the HTTP client and cannot be configured"
              .formatted(name, header));
    }
  }
}
