package dev.gearbox.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The gateway's Prometheus metrics: requests, latency (total and upstream), errors by kind and
 * tokens by kind. Labels are bounded sets (API, model alias, tier, status class, error kind) so
 * the series count stays small whatever the traffic.
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public void request(String api, String model, String tier, int status, Duration total) {
    Timer.builder("gearbox.request.duration")
        .description("Time from request received to response complete")
        .tags("api", api, "model", model, "tier", tier, "status", statusClass(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(total);
  }

  public void upstream(String model, Duration latency) {
    Timer.builder("gearbox.upstream.duration")
        .description("Time spent waiting for upstream model servers")
        .tags("model", model)
        .publishPercentileHistogram()
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

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  private static String statusClass(int status) {
    return (status / 100) + "xx";
  }
}
