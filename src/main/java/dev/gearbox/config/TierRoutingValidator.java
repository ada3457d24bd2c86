package dev.gearbox.config;

import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Tier;
import dev.gearbox.route.CascadeBand;
import dev.gearbox.route.QualityTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates the tiered part of the {@code routing:} section: the router, the quality target,
 * the cascade band, which model serves each tier (named, or the first model of each
 * {@code tier:}), and the tiers pinned per key. Adds every problem found to the shared list.
 */
final class TierRoutingValidator {
  static final double DEFAULT_QUALITY_FLOOR = 0.95;

  private final List<String> problems;

  TierRoutingValidator(List<String> problems) {
    this.problems = problems;
  }

  Optional<GatewayConfig.TierRouting> validate(
      RawConfig.RawRouting raw, List<ModelSpec> models, List<VirtualKey> keys) {
    Optional<String> small = tierModel(raw.smallModel(), Tier.SMALL, "small_model", models);
    Optional<String> frontier =
        tierModel(raw.frontierModel(), Tier.FRONTIER, "frontier_model", models);
    QualityTarget target = target(raw.target());
    Optional<CascadeBand> band = band(raw.cascadeBand());
    Map<String, Tier> keyTiers = keyTiers(raw.keyTiers(), keys);
    if (raw.router() != null && raw.router().isBlank()) {
      problems.add("routing.router must be 'bundled' or the path of a router file");
    }
    if (small.isEmpty() || frontier.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new GatewayConfig.TierRouting(Optional.ofNullable(raw.router()), target,
        band, small.get(), frontier.get(), keyTiers, Boolean.TRUE.equals(raw.secondSample())));
  }

  private Optional<String> tierModel(
      String named, Tier tier, String key, List<ModelSpec> models) {
    String word = tier.name().toLowerCase(java.util.Locale.ROOT);
    if (named != null) {
      if (models.stream().noneMatch(m -> m.alias().equals(named))) {
        problems.add("routing." + key + " '" + named + "' is not a configured model");
        return Optional.empty();
      }
      return Optional.of(named);
    }
    Optional<String> first =
        models.stream().filter(m -> m.tier() == tier).map(ModelSpec::alias).findFirst();
    if (first.isEmpty()) {
      problems.add("routing needs a " + word + " model: set routing." + key
          + " or give a model tier: " + word);
    }
    return first;
  }

  private QualityTarget target(RawConfig.RawTarget raw) {
    if (raw == null || (raw.qualityFloor() == null && raw.frontierShare() == null)) {
      return new QualityTarget.QualityFloor(DEFAULT_QUALITY_FLOOR);
    }
    if (raw.qualityFloor() != null && raw.frontierShare() != null) {
      problems.add("routing.target takes one of quality_floor or frontier_share, not both");
    }
    try {
      return raw.qualityFloor() != null
          ? new QualityTarget.QualityFloor(raw.qualityFloor())
          : new QualityTarget.FrontierShare(raw.frontierShare());
    } catch (IllegalArgumentException e) {
      problems.add("routing.target: " + e.getMessage());
      return new QualityTarget.QualityFloor(DEFAULT_QUALITY_FLOOR);
    }
  }

  private Optional<CascadeBand> band(List<Double> raw) {
    if (raw == null) {
      return Optional.empty();
    }
    if (raw.size() != 2 || raw.contains(null)) {
      problems.add("routing.cascade_band must be two scores [low, high], e.g. [0.45, 0.75]");
      return Optional.empty();
    }
    try {
      return Optional.of(new CascadeBand(raw.get(0), raw.get(1)));
    } catch (IllegalArgumentException e) {
      problems.add("routing." + e.getMessage());
      return Optional.empty();
    }
  }

  private Map<String, Tier> keyTiers(Map<String, String> raw, List<VirtualKey> keys) {
    Map<String, Tier> result = new HashMap<>();
    if (raw == null) {
      return result;
    }
    raw.forEach((keyId, tier) -> {
      if (keys.stream().noneMatch(k -> k.id().equals(keyId))) {
        problems.add("routing.key_tiers names key '" + keyId + "', which is not configured");
      }
      switch (tier == null ? "" : tier) {
        case "small" -> result.put(keyId, Tier.SMALL);
        case "frontier" -> result.put(keyId, Tier.FRONTIER);
        default -> problems.add("routing.key_tiers." + keyId + " must be small or frontier, got '"
            + tier + "'");
      }
    });
    return result;
  }
}
