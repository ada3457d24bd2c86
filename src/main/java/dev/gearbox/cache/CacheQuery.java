package dev.gearbox.cache;

import dev.gearbox.model.ChatRequest;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One request as the cache sees it: the request, the caller's tenant (the namespace of its
 * entries), the client's cache control, and the embedding of the last user message, computed at
 * most once per request and only when the semantic cache asks for it (the router may already
 * have it). The request's key is derived once, on first use.
 */
public final class CacheQuery {
  private final ChatRequest request;
  private final String tenant;
  private final CacheControl control;
  private final Supplier<float[]> promptVector;
  private CacheKey key;

  public CacheQuery(
      ChatRequest request, String tenant, CacheControl control, Supplier<float[]> promptVector) {
    this.request = Objects.requireNonNull(request, "request");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.control = Objects.requireNonNull(control, "control");
    this.promptVector = Objects.requireNonNull(promptVector, "promptVector");
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
      key = CacheKeys.of(request, tenant, control.dataLabel());
    }
    return key;
  }
}
