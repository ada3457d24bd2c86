package dev.gearbox.cache;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a request's answer lives in the cache.
 *
 * @param exact hex SHA-256 of the namespace and everything in the request that changes the answer
 * @param scope hex SHA-256 of the same minus the last user message: entries sharing a scope
 *     differ only in that message, so they are the only candidates for a semantic hit; absent when
 *     the request is not semantically cacheable (it does not end in a plain-text user message)
 * @param promptText the last user message, which the semantic cache embeds and the guards read
 */
public record CacheKey(String exact, Optional<String> scope, Optional<String> promptText) {
  public CacheKey {
    Objects.requireNonNull(exact, "exact");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(promptText, "promptText");
    if (scope.isPresent() != promptText.isPresent()) {
      throw new IllegalArgumentException("a semantic scope comes with the prompt text it scopes");
    }
  }
}
