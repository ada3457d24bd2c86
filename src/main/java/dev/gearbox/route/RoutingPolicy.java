package dev.gearbox.route;

import dev.gearbox.provider.Tier;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code auto} is routed when the operator configured tiers: the learned router (if any),
 * the model alias serving each tier, and the tiers pinned per virtual key.
 *
 * @param keyTiers key id to the tier every request of that key is pinned to (an operator's
 *     policy: it wins over the client's {@code x-gearbox-tier} header)
 */
public record RoutingPolicy(
    Optional<Router> router, String smallModel, String frontierModel, Map<String, Tier> keyTiers) {

  public RoutingPolicy {
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(smallModel, "smallModel");
    Objects.requireNonNull(frontierModel, "frontierModel");
    keyTiers = Map.copyOf(keyTiers);
  }

  public String model(Tier tier) {
    return switch (tier) {
      case SMALL -> smallModel;
      case FRONTIER -> frontierModel;
    };
  }
}
