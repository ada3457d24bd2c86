package dev.gearbox.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The YAML file exactly as written, before validation. Every key is declared here, so a misspelt
 * key is an error naming the key and the keys that are allowed, never silently ignored. Absent
 * sections are null here and get their defaults in {@link ConfigValidator}.
 */
record RawConfig(
    RawServer server,
    @JsonProperty("data_dir") String dataDir,
    RawDatabase database,
    RawSimulator simulator,
    List<RawProvider> providers,
    List<RawModel> models,
    RawRouting routing,
    List<RawKey> keys,
    List<RawTenant> tenants,
    Map<String, RawPrice> prices,
    @JsonProperty("baseline_model") String baselineModel,
    Boolean airgap,
    RawAudit audit,
    @JsonProperty("data_labels") RawDataLabels dataLabels,
    RawCache cache,
    RawCompression compression) {

  record RawServer(
      Integer port,
      String host,
      @JsonProperty("max_body_bytes") Long maxBodyBytes,
      @JsonProperty("cors_origins") List<String> corsOrigins) {}

  record RawDatabase(
      String kind, String url, String user, @JsonProperty("password_env") String passwordEnv) {}

  /** The in-process upstream simulator: the embedded default's models. */
  record RawSimulator(Boolean enabled, Integer port, Boolean fast) {}

  record RawProvider(
      String name,
      String kind,
      @JsonProperty("base_url") String baseUrl,
      @JsonProperty("api_key_env") String apiKeyEnv,
      String locality,
      @JsonProperty("connect_timeout_ms") Long connectTimeoutMs,
      @JsonProperty("attempt_timeout_ms") Long attemptTimeoutMs,
      @JsonProperty("max_retries") Integer maxRetries,
      Map<String, String> headers) {}

  record RawModel(
      String alias,
      String provider,
      @JsonProperty("upstream_model") String upstreamModel,
      String tier,
      @JsonProperty("context_window") Integer contextWindow,
      String tokenizer,
      List<String> fallbacks,
      RawCapabilities capabilities) {}

  record RawCapabilities(
      Boolean tools,
      Boolean vision,
      @JsonProperty("json_schema") Boolean jsonSchema,
      @JsonProperty("multiple_choices") Boolean multipleChoices) {}

  record RawRouting(
      @JsonProperty("default_model") String defaultModel,
      @JsonProperty("total_timeout_ms") Long totalTimeoutMs,
      @JsonProperty("cooldown_ms") Long cooldownMs,
      String router,
      RawTarget target,
      @JsonProperty("cascade_band") List<Double> cascadeBand,
      @JsonProperty("small_model") String smallModel,
      @JsonProperty("frontier_model") String frontierModel,
      @JsonProperty("key_tiers") Map<String, String> keyTiers,
      @JsonProperty("second_sample") Boolean secondSample) {}

  /** Exactly one of the two. */
  record RawTarget(
      @JsonProperty("quality_floor") Double qualityFloor,
      @JsonProperty("frontier_share") Double frontierShare) {}

  record RawKey(
      String id,
      @JsonProperty("key_sha256") String keySha256,
      @JsonProperty("key_env") String keyEnv,
      String tenant,
      Boolean admin,
      List<RawBudget> budgets,
      @JsonProperty("rate_limit") RawRateLimit rateLimit,
      @JsonProperty("data_label") String dataLabel) {}

  record RawTenant(String name, List<RawBudget> budgets) {}

  record RawBudget(String period, String usd, String enforcement) {}

  record RawRateLimit(
      @JsonProperty("requests_per_minute") Long requestsPerMinute,
      @JsonProperty("tokens_per_minute") Long tokensPerMinute,
      @JsonProperty("max_concurrent") Integer maxConcurrent) {}

  record RawPrice(
      @JsonProperty("input_per_million") String inputPerMillion,
      @JsonProperty("output_per_million") String outputPerMillion,
      @JsonProperty("cached_input_per_million") String cachedInputPerMillion,
      @JsonProperty("cache_write_per_million") String cacheWritePerMillion,
      @JsonProperty("gpu_usd_per_hour") String gpuUsdPerHour,
      @JsonProperty("tokens_per_second") String tokensPerSecond) {}

  /** The response cache; absent means off. */
  record RawCache(
      Boolean enabled,
      String ttl,
      @JsonProperty("max_entries") Integer maxEntries,
      RawSemanticCache semantic) {}

  record RawSemanticCache(
      Boolean enabled,
      @JsonProperty("max_false_hit_rate") Double maxFalseHitRate,
      @JsonProperty("temperature_policy") String temperaturePolicy) {}

  /** The audit log: content logging and how often checkpoints are signed. */
  record RawAudit(
      @JsonProperty("log_content") Boolean logContent,
      @JsonProperty("checkpoint_every") Integer checkpointEvery,
      @JsonProperty("checkpoint_interval_ms") Long checkpointIntervalMs) {}

  /** Data labels, least sensitive first, and where each may be sent. */
  record RawDataLabels(
      List<String> order,
      @JsonProperty("default") String defaultLabel,
      Map<String, List<String>> allow) {}

  /** Context compression for long prompts bound for expensive models. */
  record RawCompression(
      Boolean enabled,
      String method,
      @JsonProperty("min_prompt_tokens") Integer minPromptTokens,
      @JsonProperty("keep_last_turns") Integer keepLastTurns,
      List<String> tiers,
      @JsonProperty("target_ratio") Double targetRatio,
      @JsonProperty("sentence_keep_share") Double sentenceKeepShare,
      @JsonProperty("summary_model") String summaryModel,
      @JsonProperty("summary_max_tokens") Integer summaryMaxTokens,
      @JsonProperty("cached_summaries") Integer cachedSummaries) {}
}
