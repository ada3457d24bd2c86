package dev.gearbox.provider;

import java.util.Objects;

/** A model that may serve a request, with the provider it runs on. */
public record Candidate(ModelSpec model, Provider provider) {
  public Candidate {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    if (!model.providerName().equals(provider.spec().name())) {
      throw new IllegalArgumentException(
          "model '%s' runs on provider '%s', not '%s'"
              .formatted(model.alias(), model.providerName(), provider.spec().name()));
    }
  }

  ProviderKind kind() {
    return provider.spec().kind();
  }

  /** Whether one upstream call can return several choices ({@code n > 1}). */
  boolean returnsSeveralChoices() {
    return kind() == ProviderKind.OPENAI_COMPATIBLE && model.capabilities().multipleChoices();
  }
}
