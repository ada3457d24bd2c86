package dev.gearbox.cache;

import dev.gearbox.model.ChatRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One request as the cache sees it: the request, the caller's tenant (the namespace of its
 * entries), the client's cache control, and the embedding of the last user message, computed at
 * most once per request and only when the semantic cache asks for it (the router may already
 * have it). {@code tierPin} is the tier a router alias ({@code auto}) is pinned to, by the key's
 * policy or the {@code x-gearbox-tier} header: it picks the model, so it is part of the key. The
 * request's key is derived once, on first use.
 */
public final class CacheQuery {
  private final ChatRequest request;
  private final String tenant;
  private final CacheControl control;
  private final Supplier<float[]> promptVector;
  private final Optional<String> tierPin;
  private CacheKey key;

  /** A query with no tier pin. */
  public CacheQuery(
      ChatRequest request, String tenant, CacheControl control, Supplier<float[]> promptVector) {
    this(request, tenant, control, promptVector, Optional.empty());
  }

  public CacheQuery(ChatRequest request, String tenant, CacheControl control,
      Supplier<float[]> promptVector, Optional<String> tierPin) {
    this.request = Objects.requireNonNull(request, "request");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.control = Objects.requireNonNull(control, "control");
    this.promptVector = Objects.requireNonNull(promptVector, "promptVector");
    this.tierPin = Objects.requireNonNull(tierPin, "tierPin");
  }

  public ChatRequest request() {
    return request;
  }

  public String tenant() {
    return tenant;
  }

  public CacheControl control() {
    return control;
  }

  public Supplier<float[]> promptVector() {
    return promptVector;
  }

  /** The request's key in its tenant's and data label's namespace. */
  public synchronized CacheKey key() {
    if (key == null) {
      key = CacheKeys.of(request, tenant, control.dataLabel(), tierPin);
    }
    return key;
  }
}
