package dev.gearbox.provider;

import java.net.URI;
import java.net.URISyntaxException;
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
    requireHttpUrl(name, baseUrl);
    requirePositive(name, "connect timeout", connectTimeout);
    requirePositive(name, "attempt timeout", attemptTimeout);
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw new IllegalArgumentException(
          "provider '%s': retries must be between 0 and %d, got %d"
              .formatted(name, MAX_RETRIES_LIMIT, maxRetries));
    }
    extraHeaders.keySet().forEach(header -> requireSettable(name, header));
  }

  /** A spec with the defaults of a local OpenAI-compatible server: no key, 2 retries. */
  public static ProviderSpec local(String name, URI baseUrl) {
    return new ProviderSpec(
        name,
        ProviderKind.OPENAI_COMPATIBLE,
        baseUrl,
        Optional.empty(),
        Locality.ON_PREM,
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        2,
        Map.of());
  }

  public ProviderSpec withRetries(int retries) {
    return new ProviderSpec(
        name, kind, baseUrl, apiKeyEnv, locality, connectTimeout, attemptTimeout, retries,
        extraHeaders);
  }

  public ProviderSpec withAttemptTimeout(Duration timeout) {
    return new ProviderSpec(
        name, kind, baseUrl, apiKeyEnv, locality, connectTimeout, timeout, maxRetries,
        extraHeaders);
  }

  public ProviderSpec withApiKeyEnv(String variable) {
    return new ProviderSpec(
        name, kind, baseUrl, Optional.of(variable), locality, connectTimeout, attemptTimeout,
        maxRetries, extraHeaders);
  }

  public ProviderSpec withKind(ProviderKind newKind) {
    return new ProviderSpec(
        name, newKind, baseUrl, apiKeyEnv, locality, connectTimeout, attemptTimeout, maxRetries,
        extraHeaders);
  }

  /**
   * The URL of an endpoint below the base URL, without any user info: credentials written into
   * the base URL travel as a Basic authorization header, never in a URL that may get logged.
   */
  public URI endpoint(String path) {
    String base = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    String joined = base.endsWith("/") ? base + path.substring(1) : base + path;
    try {
      return new URI(
          baseUrl.getScheme(), null, baseUrl.getHost(), baseUrl.getPort(), joined, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("provider '%s': bad endpoint path".formatted(name), e);
    }
  }

  /** The base URL as it may appear in logs: user info removed. */
  public String safeBaseUrl() {
    return endpoint("/").toString();
  }

  /** The {@code user:password} part of the base URL, when the operator wrote one in. */
  public Optional<String> urlCredentials() {
    return Optional.ofNullable(baseUrl.getUserInfo()).filter(info -> !info.isEmpty());
  }

  private static void requireHttpUrl(String name, URI url) {
    String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException(
          "provider '%s': the base URL must be an absolute http(s) URL ending in the API version,"
              .formatted(name)
              + " such as https://api.openai.com/v1");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "provider '%s': the base URL takes no query or fragment".formatted(name));
    }
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
