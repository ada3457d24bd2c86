package dev.gearbox.policy;

import dev.gearbox.provider.Clearance;
import dev.gearbox.provider.Locality;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.ProviderSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the {@link DataPolicy} to a route: drops every candidate model whose provider's
 * locality the request's label does not allow. It runs before any upstream is called, so a
 * refused or excluded provider never receives a byte of the request.
 */
public final class PolicyGuard {
  private final DataPolicy policy;
  private final Map<String, Locality> localityByProvider;

  public PolicyGuard(DataPolicy policy, List<ProviderSpec> providers) {
    this.policy = policy;
    Map<String, Locality> localities = new HashMap<>();
    providers.forEach(p -> localities.put(p.name(), p.locality()));
    this.localityByProvider = Map.copyOf(localities);
  }

  /** The candidates {@code label} allows, in order, and those it excluded. */
  public Screening screen(DataLabel label, List<ModelSpec> candidates) {
    Set<Locality> allowed = policy.allowedFor(label);
    List<ModelSpec> kept = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (ModelSpec model : candidates) {
      Locality locality = locality(model);
      if (allowed.contains(locality)) {
        kept.add(model);
      } else {
        excluded.add(model.alias() + " (" + name(locality) + ")");
      }
    }
    return new Screening(label, kept, excluded, describe(allowed));
  }

  /** What the fallback chain checks every call of a request under {@code label} against. */
  public Clearance clearance(DataLabel label) {
    return new Clearance(label.name(), policy.allowedFor(label));
  }

  public DataPolicy policy() {
    return policy;
  }

  /** A model whose provider is unknown counts as external: the safe assumption. */
  private Locality locality(ModelSpec model) {
    return localityByProvider.getOrDefault(model.providerName(), Locality.EXTERNAL);
  }

  private static String describe(Set<Locality> allowed) {
    return allowed.stream().sorted().map(PolicyGuard::name).collect(Collectors.joining(" or "));
  }

  static String name(Locality locality) {
    return locality.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
