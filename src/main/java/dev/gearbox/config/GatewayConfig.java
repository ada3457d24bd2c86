package dev.gearbox.config;

import dev.gearbox.audit.AuditSettings;
import dev.gearbox.compress.CompressionSettings;
import dev.gearbox.cost.Budget;
import dev.gearbox.cost.ModelPrice;
import dev.gearbox.cost.RateLimit;
import dev.gearbox.policy.DataPolicy;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.ProviderSpec;
import dev.gearbox.provider.Tier;
import dev.gearbox.route.CascadeBand;
import dev.gearbox.route.QualityTarget;
import dev.gearbox.store.DatabaseConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated runtime configuration. Built only by {@link ConfigLoader}; every reference in it
 * (a model's provider, a fallback's model, the default model) is known to resolve.
 */
public record GatewayConfig(
    Server server,
    Path dataDir,
    DatabaseConfig database,
    Simulator simulator,
    List<ProviderSpec> providers,
    List<ModelSpec> models,
    Map<String, List<String>> fallbacks,
    Routing routing,
    List<VirtualKey> keys,
    List<Budget> budgets,
    Map<String, RateLimit> rateLimits,
    Map<String, ModelPrice> priceOverrides,
    String baselineModel,
    String source,
    DataPolicy policy,
    AuditSettings audit,
    Cache cache,
    CompressionSettings compression) {

  /** A provider whose base URL is this is served by the in-process simulator. */
  public static final URI EMBEDDED_SIMULATOR = URI.create("embedded:simulator");

  public GatewayConfig {
    providers = List.copyOf(providers);
    models = List.copyOf(models);
    fallbacks = Map.copyOf(fallbacks);
    keys = List.copyOf(keys);
    budgets = List.copyOf(budgets);
    rateLimits = Map.copyOf(rateLimits);
    priceOverrides = Map.copyOf(priceOverrides);
    java.util.Objects.requireNonNull(policy, "policy");
    java.util.Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(compression, "compression");
  }

  /**
   * @param corsOrigins the web origins ({@code https://app.example.com}, or {@code *} for any)
   *     whose pages may call the gateway from a browser; none by default
   */
  public record Server(int port, String host, long maxBodyBytes, List<String> corsOrigins) {
    public Server {
      corsOrigins = List.copyOf(corsOrigins);
    }
  }

  public record Simulator(boolean enabled, int port, boolean fast) {}

  /**
   * How requests are routed. {@code tiers} is present when the operator configured tiered
   * routing ({@code router}, {@code small_model} / {@code frontier_model} or {@code key_tiers});
   * otherwise {@code auto} goes to {@code defaultModel}. {@code cooldown} is how long a model
   * that failed several times in a row is passed over for its fallbacks (zero: never).
   */
  public record Routing(
      String defaultModel, Duration totalTimeout, Optional<TierRouting> tiers, Duration cooldown) {
    /** The default cooldown of a model that failed several times in a row. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);

    public Routing(String defaultModel, Duration totalTimeout) {
      this(defaultModel, totalTimeout, Optional.empty(), DEFAULT_COOLDOWN);
    }
  }

  /**
   * Tiered routing between a small and a frontier model alias.
   *
   * @param router {@code bundled} or the path of a router file; empty: pins and rules only
   * @param keyTiers virtual key id to the tier its requests are pinned to
   * @param secondSample in the cascade band, ask the small tier twice and escalate when the two
   *     answers disagree (for real upstreams that sample; the simulator replays one answer)
   */
  public record TierRouting(
      Optional<String> router,
      QualityTarget target,
      Optional<CascadeBand> cascadeBand,
      String smallModel,
      String frontierModel,
      Map<String, Tier> keyTiers,
      boolean secondSample) {
    public TierRouting {
      keyTiers = Map.copyOf(keyTiers);
    }
  }

  /** The response cache; {@code enabled} false means no lookups and no writes at all. */
  public record Cache(boolean enabled, Duration ttl, int maxEntries, SemanticCache semantic) {
    public static final Cache OFF =
        new Cache(false, Duration.ofHours(24), 10_000, SemanticCache.OFF);
  }

  /** The semantic cache, on top of the exact one. */
  public record SemanticCache(
      boolean enabled, double maxFalseHitRate, dev.gearbox.cache.TemperaturePolicy policy) {
    public static final SemanticCache OFF =
        new SemanticCache(false, 0.01, dev.gearbox.cache.TemperaturePolicy.ANY);
  }

  public Optional<ModelSpec> model(String alias) {
    return models.stream().filter(m -> m.alias().equals(alias)).findFirst();
  }

  public Optional<ProviderSpec> provider(String name) {
    return providers.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Without keys the gateway accepts anonymous requests, and only on loopback. */
  public boolean authenticationRequired() {
    return !keys.isEmpty();
  }

  public boolean usesEmbeddedSimulator() {
    return providers.stream().anyMatch(p -> p.baseUrl().equals(EMBEDDED_SIMULATOR));
  }

  public GatewayConfig withPort(int port) {
    return new GatewayConfig(
        new Server(port, server.host(), server.maxBodyBytes(), server.corsOrigins()),
        dataDir, database, simulator, providers, models, fallbacks, routing, keys, budgets,
        rateLimits, priceOverrides, baselineModel, source, policy, audit, cache, compression);
  }

  public GatewayConfig withSimulator(Simulator newSimulator) {
    return new GatewayConfig(
        server, dataDir, database, newSimulator, providers, models, fallbacks, routing, keys,
        budgets, rateLimits, priceOverrides, baselineModel, source, policy, audit, cache,
        compression);
  }

  public GatewayConfig withDataDir(Path dir, DatabaseConfig db) {
    return new GatewayConfig(
        server, dir, db, simulator, providers, models, fallbacks, routing, keys, budgets,
        rateLimits, priceOverrides, baselineModel, source, policy, audit, cache, compression);
  }

  public GatewayConfig withAudit(AuditSettings newAudit) {
    return new GatewayConfig(
        server, dataDir, database, simulator, providers, models, fallbacks, routing, keys,
        budgets, rateLimits, priceOverrides, baselineModel, source, policy, newAudit, cache,
        compression);
  }

  public GatewayConfig withCache(Cache newCache) {
    return new GatewayConfig(
        server, dataDir, database, simulator, providers, models, fallbacks, routing, keys,
        budgets, rateLimits, priceOverrides, baselineModel, source, policy, audit, newCache,
        compression);
  }
}
