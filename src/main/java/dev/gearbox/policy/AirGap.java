package dev.gearbox.policy;

import dev.gearbox.provider.Locality;
import dev.gearbox.provider.ProviderSpec;
import java.util.List;

/**
 * The air-gap rule checked before anything starts: with {@code airgap: true} every configured
 * provider must be on-prem. Nothing else in Gearbox reaches the network on its own (the
 * embedding model, tokenizer vocabularies, price book and simulator data are in the jar), so
 * with this rule the process connects only to the on-prem providers it was given.
 */
public final class AirGap {
  private AirGap() {}

  /** One problem per external provider when air-gapped; none otherwise. */
  public static List<String> problems(boolean airgap, List<ProviderSpec> providers) {
    if (!airgap) {
      return List.of();
    }
    return providers.stream()
        .filter(p -> p.locality() == Locality.EXTERNAL)
        .map(p -> "airgap: provider '" + p.name() + "' (" + p.baseUrl() + ") is external;"
            + " an air-gapped gateway may only use on-prem providers (locality: on-prem)")
        .toList();
  }
}
