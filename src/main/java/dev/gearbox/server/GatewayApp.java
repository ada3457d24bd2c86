package dev.gearbox.server;

import dev.gearbox.audit.AuditKeys;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.audit.SqlAuditLog;
import dev.gearbox.cache.CacheSettings;
import dev.gearbox.cache.CalibratedThreshold;
import dev.gearbox.cache.Calibration;
import dev.gearbox.cache.ResponseCache;
import dev.gearbox.cache.SemanticSettings;
import dev.gearbox.cache.SqlCacheStore;
import dev.gearbox.cache.TieredCache;
import dev.gearbox.config.ConfigException;
import dev.gearbox.compress.CompressionSettings;
import dev.gearbox.compress.ContextCompressor;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.cost.Budgets;
import dev.gearbox.cost.Counterfactual;
import dev.gearbox.cost.PriceBook;
import dev.gearbox.cost.RateLimiter;
import dev.gearbox.cost.SqlLedger;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.cost.UsageReport;
import dev.gearbox.embed.Embedder;
import dev.gearbox.gateway.Accounting;
import dev.gearbox.gateway.AuditTrail;
import dev.gearbox.gateway.Gateway;
import dev.gearbox.model.Usage;
import dev.gearbox.policy.PolicyGuard;
import dev.gearbox.provider.FallbackChain;
import dev.gearbox.provider.Cooldowns;
import dev.gearbox.provider.HealthBoard;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Provider;
import dev.gearbox.provider.ProviderSpec;
import dev.gearbox.provider.RetryPolicy;
import dev.gearbox.provider.Sleeper;
import dev.gearbox.route.RoutePlanner;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.Simulator;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: every part built from one {@link GatewayConfig} and closed in reverse
 * order. On the embedded default this includes the in-process upstream simulator. The audit log
 * shares the ledger's database and is closed after the server, so its closing checkpoint covers
 * every call served.
 */
public final class GatewayApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);
  /** How long past the total timeout a reservation of a call still counts (see Budgets#shared). */
  private static final Duration RESERVATION_MARGIN = Duration.ofMinutes(5);

  private final List<AutoCloseable> parts;
  private final GatewayServer server;
  private final Optional<Simulator> simulator;
  private final SqlLedger ledger;
  private final ResponseCache cache;
  private final Gateway gateway;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** How often a replica takes in the cache entries others stored in a shared PostgreSQL. */
  static final long CACHE_SYNC_SECONDS = 5;

  private GatewayApp(
      List<AutoCloseable> parts,
      GatewayServer server,
      Optional<Simulator> simulator,
      SqlLedger ledger,
      ResponseCache cache,
      Gateway gateway) {
    this.parts = parts;
    this.server = server;
    this.simulator = simulator;
    this.ledger = ledger;
    this.cache = cache;
    this.gateway = gateway;
  }

  /** The pipeline itself, for tests that drive it below the HTTP layer. */
  Gateway gateway() {
    return gateway;
  }

  /** Builds and starts everything; on failure, closes what had started and rethrows. */
  public static GatewayApp start(
      GatewayConfig config, Function<String, Optional<String>> env, Clock clock) {
    List<AutoCloseable> parts = new ArrayList<>();
    try {
      Optional<Simulator> simulator = startSimulator(config);
      simulator.ifPresent(parts::add);
      Map<String, Provider> providers = providers(config, simulator, env, clock);
      parts.addAll(providers.values());
      Database database = Database.open(config.database());
      parts.add(database);
      SqlLedger ledger = SqlLedger.start(database);
      parts.add(ledger);
      SqlAuditLog audit = SqlAuditLog.open(database, config.database(),
          AuditKeys.loadOrCreate(config.dataDir()), config.audit(), clock);
      parts.add(audit);
      parts.add(scheduleCheckpoints(audit, config.audit().checkpointInterval())::shutdownNow);
      GatewayMetrics metrics = new GatewayMetrics();
      Accounting accounting = accounting(config, database, ledger, metrics, clock, audit);
      ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();
      parts.add(fanOut::shutdownNow);
      FallbackChain chain = new FallbackChain(
          RetryPolicy.standard(new SplittableRandom()), Sleeper.system(), clock,
          new HealthBoard(clock), fanOut, new Cooldowns(config.routing().cooldown(), clock));
      Supplier<Embedder> embedder = embedder(config);
      RoutingSetup routing = RoutingSetup.from(config, embedder);
      RoutePlanner planner = new RoutePlanner(config.models(), config.fallbacks(),
          config.routing().defaultModel(), routing.policy());
      ResponseCache cache = responseCache(config, database, metrics, embedder, clock, parts);
      Gateway gateway = new Gateway(planner, chain, providers, accounting,
          config.routing().totalTimeout(), clock,
          new PolicyGuard(config.policy(), config.providers()), cache, embedder,
          compressor(config, embedder), routing.cascade());
      GatewayServer server = GatewayServer.start(config, gateway, metrics,
          new UsageReport(database), clock, new AuditReader(database.dataSource()));
      parts.add(server);
      return new GatewayApp(parts, server, simulator, ledger, cache, gateway);
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  /** Signs the audit log's head on a timer, so a quiet gateway does not leave it unsigned. */
  private static ScheduledExecutorService scheduleCheckpoints(SqlAuditLog audit,
      Duration interval) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("gearbox-audit-checkpoints").daemon().factory());
    timer.scheduleWithFixedDelay(audit::checkpointIfDue, interval.toMillis(),
        interval.toMillis(), TimeUnit.MILLISECONDS);
    return timer;
  }

  private static Optional<Simulator> startSimulator(GatewayConfig config) {
    if (!config.usesEmbeddedSimulator()) {
      return Optional.empty();
    }
    SimConfig sim = config.simulator().fast() ? SimConfig.defaults().fast() : SimConfig.defaults();
    Simulator simulator = Simulator.start(sim, config.simulator().port());
    LOG.info("upstream simulator (recorded real answers) serving on {}", simulator.baseUri());
    return Optional.of(simulator);
  }

  private static Map<String, Provider> providers(
      GatewayConfig config,
      Optional<Simulator> simulator,
      Function<String, Optional<String>> env,
      Clock clock) {
    Map<String, Provider> providers = new LinkedHashMap<>();
    for (ProviderSpec spec : config.providers()) {
      ProviderSpec resolved = spec.baseUrl().equals(GatewayConfig.EMBEDDED_SIMULATOR)
          ? spec.withBaseUrl(simulator.map(Simulator::baseUri).orElseThrow())
          : spec;
      providers.put(spec.name(), Provider.create(resolved, env, clock));
    }
    return providers;
  }

  /** The compression stage; it shares the prompt embedder, which it asks for when it ranks. */
  private static ContextCompressor compressor(
      GatewayConfig config, Supplier<Embedder> embedder) {
    CompressionSettings settings = config.compression();
    if (settings.enabled()) {
      LOG.info("context compression: {} on {} prompts over {} tokens", settings.method()
          .configName(), settings.tiers(), settings.minPromptTokens());
    }
    PriceBook prices = PriceBook.bundled().withOverrides(config.priceOverrides());
    return new ContextCompressor(settings, embedder, (model, tokens) ->
        prices.cost(Accounting.priceKey(prices, model), Usage.counted(tokens, 0)));
  }

  private static Accounting accounting(GatewayConfig config, Database database,
      SqlLedger ledger, GatewayMetrics metrics, Clock clock, AuditTrail audit) {
    PriceBook prices = PriceBook.bundled().withOverrides(config.priceOverrides());
    List<String> unpriced = config.models().stream()
        .filter(m -> prices.price(m.alias()).isEmpty() && prices.price(m.upstreamModel()).isEmpty())
        .map(ModelSpec::alias)
        .toList();
    if (!unpriced.isEmpty()) {
      throw new dev.gearbox.config.ConfigException(config.source(), List.of(
          "no price for model(s) " + String.join(", ", unpriced) + "; add them under 'prices:'"
              + " (per-million prices, or gpu_usd_per_hour and tokens_per_second for"
              + " self-hosted models)"));
    }
    ModelSpec baseline = config.model(config.baselineModel()).orElseThrow();
    Counterfactual counterfactual = new Counterfactual(prices,
        Accounting.priceKey(prices, baseline), TokenCounter.named(baseline.tokenizer()));
    // Counted in the database on SQLite too: every process on the file then shares the limits,
    // for about 0.1 ms a request (README, "Budgets and rate limits across replicas").
    Budgets budgets = Budgets.shared(config.budgets(), clock, database,
        config.routing().totalTimeout().plus(RESERVATION_MARGIN));
    RateLimiter limiter = RateLimiter.shared(config.rateLimits(), clock, database);
    return new Accounting(prices, counterfactual, budgets, limiter, ledger, metrics, clock,
        audit);
  }

  /**
   * The prompt embedder: loaded now when the semantic cache needs it (a model that cannot load
   * fails the start, not the first request), otherwise only if some stage asks for it.
   */
  private static Supplier<Embedder> embedder(GatewayConfig config) {
    if (config.cache().enabled() && config.cache().semantic().enabled()) {
      Embedder loaded = Embedder.miniLm();
      return () -> loaded;
    }
    return new Supplier<>() {
      private Embedder loaded;

      @Override
      public synchronized Embedder get() {
        if (loaded == null) {
          loaded = Embedder.miniLm();
        }
        return loaded;
      }
    };
  }

  /** The response cache on the gateway's database; the null cache when caching is off. */
  private static ResponseCache responseCache(GatewayConfig config, Database database,
      GatewayMetrics metrics, Supplier<Embedder> embedder, Clock clock,
      List<AutoCloseable> parts) {
    GatewayConfig.Cache settings = config.cache();
    if (!settings.enabled()) {
      return ResponseCache.disabled();
    }
    Optional<SemanticSettings> semantic = semanticSettings(config);
    ExecutorService writer = Executors.newSingleThreadExecutor(
        Thread.ofPlatform().name("gearbox-cache-writer").daemon().factory());
    parts.add(writer::shutdown);
    String model = semantic.isPresent() ? embedder.get().modelName() : "none";
    int dimensions = semantic.isPresent() ? embedder.get().dimensions() : 1;
    TieredCache cache = TieredCache.start(
        new CacheSettings(settings.ttl(), settings.maxEntries(), semantic), model, dimensions,
        new SqlCacheStore(database, writer), metrics, clock);
    parts.add(cache);
    if (config.database() instanceof DatabaseConfig.Postgres) {
      ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("gearbox-cache-sync").daemon().factory());
      sync.scheduleWithFixedDelay(cache::syncFromStore, CACHE_SYNC_SECONDS, CACHE_SYNC_SECONDS,
          TimeUnit.SECONDS);
      parts.add(sync::shutdownNow);
    }
    return cache;
  }

  private static Optional<SemanticSettings> semanticSettings(GatewayConfig config) {
    GatewayConfig.SemanticCache semantic = config.cache().semantic();
    if (!semantic.enabled()) {
      return Optional.empty();
    }
    CalibratedThreshold threshold = Calibration.bundled(semantic.maxFalseHitRate())
        .orElseThrow(() -> new ConfigException(config.source(), List.of(
            "cache.semantic.max_false_hit_rate " + semantic.maxFalseHitRate() + " is tighter"
                + " than any threshold meets on the calibration pairs; raise it or turn the"
                + " semantic cache off")));
    LOG.info("semantic cache: {}", threshold.summary());
    return Optional.of(SemanticSettings.of(threshold.threshold(), semantic.policy()));
  }

  public int port() {
    return server.port();
  }

  /** Waits until every ledger row recorded so far is in the database. */
  public void flushLedger() {
    ledger.flush();
  }

  /** Waits until every cache entry stored so far is in the database. */
  public void flushCache() {
    if (cache instanceof TieredCache tiered) {
      tiered.flush();
    }
  }

  public Optional<Simulator> simulator() {
    return simulator;
  }

  /** Stops serving, drains the ledger and closes everything; safe to call more than once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeAll(parts);
    }
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        LOG.warn("failed to close {} cleanly", parts.get(i).getClass().getSimpleName(), e);
      }
    }
  }
}
