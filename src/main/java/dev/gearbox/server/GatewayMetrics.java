package dev.gearbox.server;

import dev.gearbox.cache.CacheObserver;
import dev.gearbox.gateway.CallObserver;
import dev.gearbox.gateway.Decision;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The gateway's Prometheus metrics: requests, latency (total and upstream), errors by kind and
 * tokens by kind, cache lookups by kind and result. Labels are bounded sets (API, model alias,
 * tier, status class, error kind, cache result) so the series count stays small whatever the
 * traffic.
 */
public final class GatewayMetrics implements CallObserver, CacheObserver {
  /**
   * Latency buckets from 5 ms to 2 minutes: enough resolution for gateway overhead and for model
   * calls, without the ~70 buckets per series of Micrometer's default histogram.
   */
  private static final Duration[] LATENCY_BUCKETS = Stream.of(
          5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000)
      .map(Duration::ofMillis)
      .toArray(Duration[]::new);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public void request(String api, String model, String tier, int status, Duration total) {
    Timer.builder("gearbox.request.duration")
        .description("Time from request received to response complete")
        .tags("api", api, "model", model, "tier", tier, "status", statusClass(status))
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record(total);
  }

  public void upstream(String model, Duration latency) {
    Timer.builder("gearbox.upstream.duration")
        .description("Time spent waiting for upstream model servers")
        .tags("model", model)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record(latency);
  }

  public void error(String api, String kind) {
    Counter.builder("gearbox.errors")
        .description("Requests that ended in an error, by kind")
        .tags("api", api, "kind", kind)
        .register(registry)
        .increment();
  }

  public void tokens(String model, String kind, long count) {
    if (count <= 0) {
      return;
    }
    Counter.builder("gearbox.tokens")
        .description("Tokens by model and kind (input, output, cached_input, cache_write)")
        .tags("model", model, "kind", kind)
        .register(registry)
        .increment(count);
  }

  /** Counts where a request was routed, and each escalation of the cascade by its reason. */
  public void routed(Decision decision) {
    Counter.builder("gearbox.routes")
        .description("Requests by the tier that answered and how it was chosen")
        .tags("tier", decision.tier(), "by", routeKind(decision.reason()))
        .register(registry)
        .increment();
    for (String reason : decision.escalations()) {
      Counter.builder("gearbox.escalations")
          .description("Small-tier answers escalated to the frontier, by reason")
          .tags("reason", reason)
          .register(registry)
          .increment();
    }
  }

  /** The bounded kind of a route reason: the words before any detail. */
  private static String routeKind(String reason) {
    if (reason.startsWith("rule:")) {
      return "rule";
    }
    int cut = reason.indexOf(';');
    return cut < 0 ? reason : reason.substring(0, cut);
  }

  @Override
  public void served(Decision decision, Usage usage, Duration upstream) {
    routed(decision);
    upstream(decision.servedModel(), upstream);
    spent(decision.servedModel(), usage);
  }

  /** A discarded call's tokens and time count where they were spent, like any other call's. */
  @Override
  public void discarded(String model, Usage usage, Duration upstream) {
    upstream(model, upstream);
    spent(model, usage);
  }

  private void spent(String model, Usage usage) {
    tokens(model, "input", usage.inputTokens());
    tokens(model, "output", usage.outputTokens());
    tokens(model, "cached_input", usage.cachedInputTokens());
    tokens(model, "cache_write", usage.cacheWriteTokens());
  }

  @Override
  public void failed(Decision decision, GatewayError error) {
    routed(decision);
    Counter.builder("gearbox.upstream.failures")
        .description("Calls on which every upstream attempt failed, by error kind")
        .tags("model", decision.servedModel(), "kind", error.getClass().getSimpleName())
        .register(registry)
        .increment();
  }

  /** Exported as {@code gearbox_cache_lookups_total{kind, result}}. */
  @Override
  public void lookup(String kind, String result) {
    Counter.builder("gearbox.cache.lookups")
        .description("Response cache lookups by kind (exact, semantic) and result")
        .tags("kind", kind, "result", result)
        .register(registry)
        .increment();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  private static String statusClass(int status) {
    return (status / 100) + "xx";
  }
}
