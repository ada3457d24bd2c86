package dev.gearbox.config;

import dev.gearbox.cache.TemperaturePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the {@code cache:} section. Absent, the cache is off; present, it is on unless
 * {@code enabled: false}, and its semantic part is on only when a {@code semantic:} section says
 * so (or is present without {@code enabled: false}).
 */
final class CacheConfigValidator {
  static final Duration DEFAULT_TTL = Duration.ofHours(24);
  static final int DEFAULT_MAX_ENTRIES = 10_000;
  static final double DEFAULT_MAX_FALSE_HIT_RATE = 0.01;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)");

  private final List<String> problems;

  CacheConfigValidator(List<String> problems) {
    this.problems = problems;
  }

  GatewayConfig.Cache cache(RawConfig.RawCache raw) {
    if (raw == null) {
      return GatewayConfig.Cache.OFF;
    }
    boolean enabled = !Boolean.FALSE.equals(raw.enabled());
    Duration ttl = raw.ttl() == null ? DEFAULT_TTL : ttl(raw.ttl()).orElse(DEFAULT_TTL);
    int maxEntries = raw.maxEntries() == null ? DEFAULT_MAX_ENTRIES : raw.maxEntries();
    if (maxEntries < 1) {
      problems.add("cache.max_entries must be at least 1, got " + maxEntries);
    }
    return new GatewayConfig.Cache(enabled, ttl, Math.max(1, maxEntries),
        semantic(raw.semantic()));
  }

  private GatewayConfig.SemanticCache semantic(RawConfig.RawSemanticCache raw) {
    if (raw == null) {
      return GatewayConfig.SemanticCache.OFF;
    }
    double bound = raw.maxFalseHitRate() == null
        ? DEFAULT_MAX_FALSE_HIT_RATE : raw.maxFalseHitRate();
    if (!(bound > 0 && bound <= 0.5)) {
      problems.add("cache.semantic.max_false_hit_rate must be above 0 and at most 0.5"
          + " (0.01 = at most 1% of semantic hits wrong), got " + bound);
    }
    String policyName = raw.temperaturePolicy() == null ? "any" : raw.temperaturePolicy();
    Optional<TemperaturePolicy> policy = TemperaturePolicy.named(policyName);
    if (policy.isEmpty()) {
      problems.add("cache.semantic.temperature_policy must be any or zero_only, got '"
          + policyName + "'");
    }
    return new GatewayConfig.SemanticCache(!Boolean.FALSE.equals(raw.enabled()), bound,
        policy.orElse(TemperaturePolicy.ANY));
  }

  private Optional<Duration> ttl(String raw) {
    Matcher m = DURATION.matcher(raw.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      problems.add("cache.ttl must be a positive duration such as 90s, 30m, 24h or 7d, got '"
          + raw + "'");
      return Optional.empty();
    }
    long amount = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    });
  }
}
