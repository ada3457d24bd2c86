package dev.gearbox.config;

import dev.gearbox.audit.AuditSettings;
import dev.gearbox.compress.CompressionSettings;
import dev.gearbox.config.RawConfig.RawCapabilities;
import dev.gearbox.config.RawConfig.RawKey;
import dev.gearbox.config.RawConfig.RawModel;
import dev.gearbox.config.RawConfig.RawProvider;
import dev.gearbox.cost.Budget;
import dev.gearbox.cost.ModelPrice;
import dev.gearbox.cost.RateLimit;
import dev.gearbox.policy.DataLabel;
import dev.gearbox.policy.DataPolicy;
import dev.gearbox.provider.Capabilities;
import dev.gearbox.provider.Locality;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.ProviderKind;
import dev.gearbox.provider.ProviderSpec;
import dev.gearbox.provider.Tier;
import dev.gearbox.store.DatabaseConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a {@link RawConfig} into a {@link GatewayConfig}, collecting every problem at once. */
final class ConfigValidator {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigValidator.class);

  static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
  private static final Pattern WEB_ORIGIN =
      Pattern.compile("https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
  private static final int DEFAULT_PORT = 8080;
  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(300);

  private final Function<String, Optional<String>> env;
  private final String source;
  private final Path dataDir;
  private final List<String> problems = new ArrayList<>();

  ConfigValidator(Function<String, Optional<String>> env, String source, Path dataDir) {
    this.env = env;
    this.source = source;
    this.dataDir = dataDir;
  }

  GatewayConfig validate(RawConfig raw) {
    GatewayConfig.Server server = server(raw.server());
    Path dir = raw.dataDir() == null ? dataDir : Path.of(raw.dataDir());
    DatabaseConfig database = database(raw.database(), dir);
    GatewayConfig.Simulator simulator = simulator(raw.simulator());
    List<ProviderSpec> providers = providers(orEmpty(raw.providers()));
    List<ModelSpec> models = models(orEmpty(raw.models()), orEmpty(raw.providers()));
    if (orEmpty(raw.models()).isEmpty()) {
      problems.add("models: at least one model must be configured");
    }
    Map<String, List<String>> fallbacks = fallbacks(orEmpty(raw.models()), models);
    PolicyValidator governance = new PolicyValidator(problems);
    DataPolicy policy = governance.policy(raw.airgap(), raw.dataLabels(), providers);
    AuditSettings audit = governance.audit(raw.audit());
    List<VirtualKey> keys = keys(orEmpty(raw.keys()), policy, governance);
    GatewayConfig.Routing routing =
        routing(raw.routing(), models, declared(orEmpty(raw.models())), keys);
    LimitsValidator limits = new LimitsValidator(problems);
    List<Budget> budgets = limits.budgets(orEmpty(raw.keys()), orEmpty(raw.tenants()));
    Map<String, RateLimit> rateLimits = limits.rateLimits(orEmpty(raw.keys()));
    Map<String, ModelPrice> prices = limits.prices(raw.prices() == null ? Map.of() : raw.prices());
    String baseline = baseline(raw.baselineModel(), models, declared(orEmpty(raw.models())));
    GatewayConfig.Cache cache = new CacheConfigValidator(problems).cache(raw.cache());
    CompressionSettings compression =
        new CompressionValidator(problems).compression(raw.compression(), models);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return new GatewayConfig(
        server, dir, database, simulator, providers, models, fallbacks, routing, keys, budgets,
        rateLimits, prices, baseline, source, policy, audit, cache, compression);
  }

  private GatewayConfig.Server server(RawConfig.RawServer raw) {
    if (raw == null) {
      return new GatewayConfig.Server(
          DEFAULT_PORT, "127.0.0.1", DEFAULT_MAX_BODY_BYTES, List.of());
    }
    int port = raw.port() == null ? DEFAULT_PORT : raw.port();
    if (port < 0 || port > 65535) {
      problems.add("server.port must be between 0 and 65535, got " + port);
    }
    long maxBody = raw.maxBodyBytes() == null ? DEFAULT_MAX_BODY_BYTES : raw.maxBodyBytes();
    if (maxBody < 1024) {
      problems.add("server.max_body_bytes must be at least 1024, got " + maxBody);
    }
    String host = raw.host() == null ? "127.0.0.1" : raw.host();
    List<String> origins = raw.corsOrigins() == null ? List.of() : raw.corsOrigins();
    for (String origin : origins) {
      if (origin == null || !(origin.equals("*") || WEB_ORIGIN.matcher(origin).matches())) {
        problems.add("server.cors_origins: '" + origin + "' is not a web origin; write "
            + "scheme://host[:port] without a path (https://app.example.com), or * for any");
      }
    }
    return new GatewayConfig.Server(port, host, maxBody, origins);
  }

  private DatabaseConfig database(RawConfig.RawDatabase raw, Path dir) {
    if (raw == null || raw.kind() == null || raw.kind().equals("sqlite")) {
      return new DatabaseConfig.Sqlite(dir);
    }
    if (!raw.kind().equals("postgres")) {
      problems.add("database.kind must be sqlite or postgres, got '" + raw.kind() + "'");
      return new DatabaseConfig.Sqlite(dir);
    }
    if (raw.url() == null || !raw.url().startsWith("jdbc:postgresql:")) {
      problems.add("database.url must be a jdbc:postgresql:// URL for kind postgres");
    }
    Optional<String> password = Optional.empty();
    if (raw.passwordEnv() != null) {
      password = env.apply(raw.passwordEnv());
      if (password.isEmpty()) {
        problems.add("database.password_env names " + raw.passwordEnv() + ", which is not set");
      }
    }
    String user = raw.user() == null ? "postgres" : raw.user();
    return new DatabaseConfig.Postgres(Objects.requireNonNullElse(raw.url(), ""), user, password);
  }

  private GatewayConfig.Simulator simulator(RawConfig.RawSimulator raw) {
    if (raw == null) {
      return new GatewayConfig.Simulator(false, 0, false);
    }
    return new GatewayConfig.Simulator(
        Boolean.TRUE.equals(raw.enabled()),
        raw.port() == null ? 0 : raw.port(),
        Boolean.TRUE.equals(raw.fast()));
  }

  private List<ProviderSpec> providers(List<RawProvider> raws) {
    List<ProviderSpec> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < raws.size(); i++) {
      RawProvider raw = raws.get(i);
      String where = "providers[" + i + "]";
      if (raw.name() == null || raw.name().isBlank()) {
        problems.add(where + ".name is required");
        continue;
      }
      where = "provider '" + raw.name() + "'";
      if (!names.add(raw.name())) {
        problems.add(where + " is defined twice");
      }
      Optional<ProviderKind> kind = providerKind(raw.kind(), where);
      Optional<URI> baseUrl = baseUrl(raw.baseUrl(), where);
      Locality locality = locality(raw.locality(), baseUrl, where);
      int retries = raw.maxRetries() == null ? 1 : raw.maxRetries();
      if (retries < 0 || retries > 10) {
        problems.add(where + ": max_retries must be between 0 and 10, got " + retries);
      }
      if (kind.isEmpty() || baseUrl.isEmpty()) {
        continue;
      }
      URI url = baseUrl.get();
      if (!url.equals(GatewayConfig.EMBEDDED_SIMULATOR)) {
        Optional<URI> meant = BaseUrls.meant(url, kind.get());
        if (meant.isPresent()) {
          LOG.warn("{}: base_url {} is used as {}, where its API is", where, url, meant.get());
          url = meant.get();
        }
      }
      try {
        result.add(providerSpec(raw, kind.get(), url, locality, retries, where));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    return result;
  }

  private ProviderSpec providerSpec(
      RawProvider raw, ProviderKind kind, URI baseUrl, Locality locality, int retries,
      String where) {
    return new ProviderSpec(
        raw.name(),
        kind,
        baseUrl,
        Optional.ofNullable(raw.apiKeyEnv()),
        locality,
        millis(raw.connectTimeoutMs(), DEFAULT_CONNECT_TIMEOUT, where + ".connect_timeout_ms"),
        millis(raw.attemptTimeoutMs(), DEFAULT_ATTEMPT_TIMEOUT, where + ".attempt_timeout_ms"),
        Math.max(0, retries),
        raw.headers() == null ? Map.of() : Map.copyOf(raw.headers()));
  }

  private Optional<ProviderKind> providerKind(String kind, String where) {
    return switch (kind == null ? "" : kind) {
      case "openai-compatible", "openai", "vllm", "ollama", "llama.cpp" ->
          Optional.of(ProviderKind.OPENAI_COMPATIBLE);
      case "anthropic" -> Optional.of(ProviderKind.ANTHROPIC);
      default -> {
        problems.add(where + ": kind must be openai-compatible or anthropic, got '" + kind + "'");
        yield Optional.empty();
      }
    };
  }

  private Optional<URI> baseUrl(String url, String where) {
    if (url == null) {
      problems.add(where + ": base_url is required (e.g. http://localhost:11434/v1)");
      return Optional.empty();
    }
    if (url.equals("embedded")) {
      return Optional.of(GatewayConfig.EMBEDDED_SIMULATOR);
    }
    try {
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        problems.add(where + ": base_url must be http(s)://..., or 'embedded' for the simulator");
        return Optional.empty();
      }
      if (uri.getUserInfo() != null) {
        problems.add(where + ": base_url must not carry credentials; use api_key_env");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": base_url is not a valid URL");
      return Optional.empty();
    }
  }

  private Locality locality(String raw, Optional<URI> baseUrl, String where) {
    if (raw == null) {
      boolean local = baseUrl.map(ConfigValidator::isLocal).orElse(false);
      return local ? Locality.ON_PREM : Locality.EXTERNAL;
    }
    return switch (raw) {
      case "on-prem" -> Locality.ON_PREM;
      case "external" -> Locality.EXTERNAL;
      default -> {
        problems.add(where + ": locality must be on-prem or external, got '" + raw + "'");
        yield Locality.EXTERNAL;
      }
    };
  }

  private static boolean isLocal(URI uri) {
    if (uri.equals(GatewayConfig.EMBEDDED_SIMULATOR)) {
      return true;
    }
    String host = Objects.requireNonNullElse(uri.getHost(), "");
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  private List<ModelSpec> models(List<RawModel> raws, List<RawProvider> providers) {
    List<ModelSpec> result = new ArrayList<>();
    Set<String> aliases = new HashSet<>();
    Set<String> providerNames = new java.util.TreeSet<>();
    providers.stream().map(RawProvider::name).filter(Objects::nonNull)
        .forEach(providerNames::add);
    for (int i = 0; i < raws.size(); i++) {
      RawModel raw = raws.get(i);
      if (raw.alias() == null || raw.alias().isBlank()) {
        problems.add("models[" + i + "].alias is required");
        continue;
      }
      String where = "model '" + raw.alias() + "'";
      if (!aliases.add(raw.alias())) {
        problems.add(where + " is defined twice");
      }
      if (raw.provider() == null) {
        problems.add(where + " needs a provider (the name of one under providers:)");
        continue;
      }
      if (!providerNames.contains(raw.provider())) {
        problems.add(where + ": provider '" + raw.provider() + "' is not configured; "
            + (providerNames.isEmpty()
                ? "the configuration has no providers: section (examples in docs/providers/)"
                : "known: " + String.join(", ", providerNames)));
        continue;
      }
      Tier tier = tier(raw.tier(), where);
      int window = raw.contextWindow() == null ? 128_000 : raw.contextWindow();
      if (window < 256) {
        problems.add(where + ": context_window must be at least 256 tokens, got " + window);
      }
      result.add(
          new ModelSpec(
              raw.alias(),
              raw.provider(),
              raw.upstreamModel() == null ? raw.alias() : raw.upstreamModel(),
              window,
              tier,
              capabilities(raw.capabilities()),
              raw.tokenizer() == null ? "cl100k_base" : raw.tokenizer()));
    }
    return result;
  }

  private Tier tier(String raw, String where) {
    return switch (raw == null ? "frontier" : raw) {
      case "small" -> Tier.SMALL;
      case "frontier" -> Tier.FRONTIER;
      default -> {
        problems.add(where + ": tier must be small or frontier, got '" + raw + "'");
        yield Tier.FRONTIER;
      }
    };
  }

  private static Capabilities capabilities(RawCapabilities raw) {
    if (raw == null) {
      return new Capabilities(true, true, true, true);
    }
    return new Capabilities(
        !Boolean.FALSE.equals(raw.tools()),
        !Boolean.FALSE.equals(raw.vision()),
        !Boolean.FALSE.equals(raw.jsonSchema()),
        !Boolean.FALSE.equals(raw.multipleChoices()));
  }

  /** Checked against every declared alias, so one bad model does not cascade into more errors. */
  private Map<String, List<String>> fallbacks(List<RawModel> raws, List<ModelSpec> models) {
    Set<String> aliases = declared(raws);
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (RawModel raw : raws) {
      List<String> chain = orEmpty(raw.fallbacks());
      for (String fallback : chain) {
        if (!aliases.contains(fallback)) {
          problems.add("model '" + raw.alias() + "': fallback '" + fallback
              + "' is not a configured model");
        } else if (fallback.equals(raw.alias())) {
          problems.add("model '" + raw.alias() + "' lists itself as a fallback");
        }
      }
      if (raw.alias() != null) {
        result.put(raw.alias(), List.copyOf(chain));
      }
    }
    return result;
  }

  private static Set<String> declared(List<RawModel> raws) {
    Set<String> aliases = new HashSet<>();
    raws.stream().map(RawModel::alias).filter(Objects::nonNull).forEach(aliases::add);
    return aliases;
  }

  private GatewayConfig.Routing routing(RawConfig.RawRouting raw, List<ModelSpec> models,
      Set<String> declared, List<VirtualKey> keys) {
    String fallbackDefault =
        models.stream()
            .filter(m -> m.tier() == Tier.FRONTIER)
            .map(ModelSpec::alias)
            .findFirst()
            .orElse(models.isEmpty() ? "" : models.getFirst().alias());
    String defaultModel =
        raw == null || raw.defaultModel() == null ? fallbackDefault : raw.defaultModel();
    // left out, it is the first frontier model; a model that failed validation says why itself
    boolean given = raw != null && raw.defaultModel() != null;
    if (given && !declared.isEmpty() && !declared.contains(defaultModel)) {
      problems.add("routing.default_model '" + defaultModel + "' is not a configured model");
    }
    Duration total =
        millis(raw == null ? null : raw.totalTimeoutMs(), DEFAULT_TOTAL_TIMEOUT,
            "routing.total_timeout_ms");
    Optional<GatewayConfig.TierRouting> tiers = raw == null || !tiered(raw)
        ? Optional.empty()
        : new TierRoutingValidator(problems).validate(raw, models, keys);
    return new GatewayConfig.Routing(defaultModel, total, tiers,
        cooldown(raw == null ? null : raw.cooldownMs()));
  }

  private static boolean tiered(RawConfig.RawRouting raw) {
    return raw.router() != null || raw.smallModel() != null || raw.frontierModel() != null
        || raw.keyTiers() != null || raw.target() != null || raw.cascadeBand() != null
        || raw.secondSample() != null;
  }

  private List<VirtualKey> keys(
      List<RawKey> raws, DataPolicy policy, PolicyValidator governance) {
    List<VirtualKey> result = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < raws.size(); i++) {
      RawKey raw = raws.get(i);
      if (raw.id() == null || raw.id().isBlank()) {
        problems.add("keys[" + i + "].id is required");
        continue;
      }
      String where = "key '" + raw.id() + "'";
      if (!ids.add(raw.id())) {
        problems.add(where + " is defined twice");
      }
      Optional<byte[]> hash = keyHash(raw, where);
      String tenant = raw.tenant() == null ? raw.id() : raw.tenant();
      Optional<DataLabel> label = governance.keyLabel(raw.dataLabel(), policy, where);
      hash.ifPresent(h -> result.add(new VirtualKey(raw.id(), h, tenant,
          Boolean.TRUE.equals(raw.admin()), label)));
    }
    return result;
  }

  private Optional<byte[]> keyHash(RawKey raw, String where) {
    if ((raw.keySha256() == null) == (raw.keyEnv() == null)) {
      problems.add(where + ": give exactly one of key_sha256 (hex) or key_env");
      return Optional.empty();
    }
    if (raw.keySha256() != null) {
      String hex = raw.keySha256().replaceFirst("^sha256:", "").toLowerCase(Locale.ROOT);
      if (!hex.matches("[0-9a-f]{64}")) {
        problems.add(where + ": key_sha256 must be 64 hex digits (sha256sum of the key)");
        return Optional.empty();
      }
      return Optional.of(HexFormat.of().parseHex(hex));
    }
    Optional<String> secret = env.apply(raw.keyEnv());
    if (secret.isEmpty() || secret.get().isBlank()) {
      problems.add(where + ": key_env names " + raw.keyEnv() + ", which is not set");
      return Optional.empty();
    }
    return Optional.of(sha256(secret.get()));
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private String baseline(String raw, List<ModelSpec> models, Set<String> declared) {
    if (raw != null) {
      if (!declared.contains(raw)) {
        problems.add("baseline_model '" + raw + "' is not a configured model");
      }
      return raw;
    }
    return models.stream()
        .filter(m -> m.tier() == Tier.FRONTIER)
        .map(ModelSpec::alias)
        .findFirst()
        .orElse(models.isEmpty() ? "" : models.getFirst().alias());
  }

  private Duration cooldown(Long raw) {
    if (raw == null) {
      return GatewayConfig.Routing.DEFAULT_COOLDOWN;
    }
    if (raw < 0) {
      problems.add("routing.cooldown_ms must be 0 (off) or positive, got " + raw);
      return GatewayConfig.Routing.DEFAULT_COOLDOWN;
    }
    return Duration.ofMillis(raw);
  }

  private Duration millis(Long raw, Duration fallback, String where) {
    if (raw == null) {
      return fallback;
    }
    if (raw <= 0) {
      problems.add(where + " must be positive, got " + raw);
      return fallback;
    }
    return Duration.ofMillis(raw);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
