package dev.gearbox.provider;

import java.util.Objects;

/**
 * One configured model: the alias clients and the router use, the provider serving it and the
 * name the upstream knows it by. {@code tokenizer} is a jtokkit encoding name
 * ({@code cl100k_base}, {@code o200k_base}) used to count tokens when the upstream reports none.
 */
public record ModelSpec(
    String alias,
    String providerName,
    String upstreamModel,
    int contextWindowTokens,
    Tier tier,
    Capabilities capabilities,
    String tokenizer) {

  public ModelSpec {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(providerName, "providerName");
    Objects.requireNonNull(upstreamModel, "upstreamModel");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(tokenizer, "tokenizer");
    if (alias.isBlank() || providerName.isBlank() || upstreamModel.isBlank()) {
      throw new IllegalArgumentException(
          "a model needs an alias, a provider and an upstream model name");
    }
    if (contextWindowTokens <= 0) {
      throw new IllegalArgumentException(
          "model '%s': the context window must be positive".formatted(alias));
    }
    if (tokenizer.isBlank()) {
      throw new IllegalArgumentException("model '%s': a tokenizer is required".formatted(alias));
    }
  }
}
