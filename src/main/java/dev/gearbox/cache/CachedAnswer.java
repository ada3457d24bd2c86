package dev.gearbox.cache;

import dev.gearbox.model.ChatResponse;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One cached answer and what is needed to serve it again: the complete response, the model and
 * tier that produced it (for the ledger), and, when it may serve semantic neighbours, its scope,
 * prompt text and prompt vector.
 *
 * @param tenant the tenant whose request produced it; entries are never served across tenants
 * @param dataLabel the data label it was written under
 * @param embeddingModel the embedder that made {@code vector}; a vector of another model is
 *     ignored on load rather than compared with vectors it does not share a space with
 */
public record CachedAnswer(
    String key,
    String tenant,
    String dataLabel,
    Optional<String> scope,
    Optional<String> promptText,
    Optional<float[]> vector,
    String embeddingModel,
    ChatResponse response,
    String servedModel,
    String tier,
    Instant createdAt,
    Instant expiresAt) {

  public CachedAnswer {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(dataLabel, "dataLabel");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(promptText, "promptText");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(embeddingModel, "embeddingModel");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(servedModel, "servedModel");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (vector.isPresent() && (scope.isEmpty() || promptText.isEmpty())) {
      throw new IllegalArgumentException("a prompt vector needs its scope and prompt text");
    }
    if (expiresAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("an entry cannot expire before it was created");
    }
  }

  /** Whether this entry may answer semantic neighbours. */
  public boolean isSemantic() {
    return vector.isPresent();
  }

  /** The same entry without its vector: served only to exact repeats. */
  CachedAnswer exactOnly() {
    return new CachedAnswer(key, tenant, dataLabel, Optional.empty(), Optional.empty(),
        Optional.empty(), embeddingModel, response, servedModel, tier, createdAt, expiresAt);
  }
}
