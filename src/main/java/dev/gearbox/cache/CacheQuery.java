package dev.gearbox.cache;

import dev.gearbox.model.ChatRequest;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One request as the cache sees it.
 *
 * @param tenant the caller's tenant: the namespace of its entries
 * @param promptVector the embedding of the last user message, computed at most once per request
 *     and only when the semantic cache asks for it (the router may already have it)
 */
public record CacheQuery(
    ChatRequest request, String tenant, CacheControl control, Supplier<float[]> promptVector) {
  public CacheQuery {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(promptVector, "promptVector");
  }

  CacheKey key() {
    return CacheKeys.of(request, tenant, control.dataLabel());
  }
}
