package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.sim.Fault;
import dev.gearbox.sim.FaultRule;
import dev.gearbox.sim.ReceivedRequest;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.SimModel;
import dev.gearbox.sim.Simulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a simulator whose models fail in each way real upstreams do: retries are
 * bounded, fallbacks happen on the failures that warrant them and only those, and a stream that
 * fails after content ends with an explicit error event.
 */
class ResilienceTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Simulator sim;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    SimConfig config = SimConfig.defaults().fast()
        .with(faulty("always-503", 1000, "http_503"))
        .with(faulty("once-503", 1, "http_503"))
        .with(faulty("rate-limited", 1000, "rate_limit;retry_after=1"))
        .with(faulty("breaks-mid-answer", 1000, "error_in_stream;after=3"))
        .with(faulty("errors-before-content", 1000, "error_in_stream"))
        .with(faulty("drops-mid-answer", 1000, "drop_mid_stream;after=3"))
        .with(faulty("window-vllm", 1000, "context_length:vllm"))
        .with(faulty("window-ollama", 1000, "context_length:ollama"))
        .with(faulty("hangs", 1000, "timeout"))
        .with(faulty("splits-sse", 1000, "split_sse"))
        .withTimeoutHoldMs(5_000);
    sim = Simulator.start(config, 0);
    StringBuilder models = new StringBuilder();
    StringBuilder prices = new StringBuilder("prices:\n");
    for (String name : List.of("always-503", "once-503", "rate-limited", "breaks-mid-answer",
        "errors-before-content", "drops-mid-answer", "window-vllm", "window-ollama", "hangs",
        "splits-sse")) {
      models.append("""
            - alias: %s
              provider: sim
              tier: small
              fallbacks: [sim-frontier]
          """.formatted(name));
      prices.append("  %s: {gpu_usd_per_hour: \"2.00\", tokens_per_second: \"500\"}\n"
          .formatted(name));
    }
    prices.append("  no-such-model: {input_per_million: \"0.5\", output_per_million: \"1.5\"}\n");
    gateway = GatewayHarness.fromYaml("""
        providers:
          - name: sim
            kind: openai-compatible
            base_url: %s
            max_retries: 1
            attempt_timeout_ms: 1500
        models:
          - alias: sim-frontier
            provider: sim
            tier: frontier
          - alias: unknown-upstream
            provider: sim
            upstream_model: no-such-model
            tier: small
            fallbacks: [sim-frontier]
        %s
        """.formatted(sim.baseUri(), models) + prices, dataDir, Map.of());
  }

  private static SimModel faulty(String name, int count, String fault) {
    return SimModel.of(name, "Mixtral-8x7B-Instruct").withLatency(0, 0)
        .withFaults(List.of(FaultRule.first(count, Fault.parse(fault, 1))));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  private static HttpResponse<String> chat(String model, boolean stream) throws Exception {
    String body = "{\"model\":\"%s\",\"stream\":%s,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Explain what a context window is.\"}]}";
    return HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.formatted(model, stream)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long received(String model) {
    return sim.received().stream()
        .map(ReceivedRequest::model)
        .filter(m -> m.equals(Optional.of(model)))
        .count();
  }

  private static String route(HttpResponse<String> response) {
    return response.headers().firstValue("x-gearbox-route").orElse("");
  }

  @Test
  void persistent503_retriesOnceThenFallsBack() throws Exception {
    HttpResponse<String> response = chat("always-503", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=sim-frontier").contains("attempts=3");
    assertThat(received("always-503")).isEqualTo(2);
  }

  @Test
  void single503_isRetriedOnTheSameModel() throws Exception {
    HttpResponse<String> response = chat("once-503", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=once-503").contains("attempts=2");
  }

  @Test
  void rateLimited_honoursRetryAfterThenFallsBack() throws Exception {
    HttpResponse<String> response = chat("rate-limited", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=sim-frontier");
  }

  @Test
  void contextLengthErrors_fallBackWithoutRetry_inEachServersWording() throws Exception {
    for (String model : List.of("window-vllm", "window-ollama")) {
      long before = received(model);

      HttpResponse<String> response = chat(model, false);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(route(response)).contains("model=sim-frontier");
      assertThat(received(model) - before).as(model).isEqualTo(1);
    }
  }

  @Test
  void timeout_fallsBack() throws Exception {
    HttpResponse<String> response = chat("hangs", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=sim-frontier");
  }

  @Test
  void aModelTheUpstreamDoesNotServe_fallsBackWithoutRetry() throws Exception {
    long before = received("no-such-model");

    HttpResponse<String> response = chat("unknown-upstream", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=sim-frontier");
    assertThat(received("no-such-model") - before).isEqualTo(1);
  }

  @Test
  void errorEventBeforeContent_fallsBack() throws Exception {
    HttpResponse<String> response = chat("errors-before-content", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=sim-frontier");
    assertThat(response.body()).contains("data: [DONE]").doesNotContain("\"error\"");
  }

  @Test
  void errorEventAfterContent_endsWithAnExplicitErrorEvent() throws Exception {
    HttpResponse<String> response = chat("breaks-mid-answer", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"content\"").contains("\"error\"")
        .doesNotContain("data: [DONE]");
  }

  /**
   * Whether the drop is seen before or after the first content reaches the gateway depends on
   * TCP timing; either way the client must not get a silently truncated answer: a complete
   * answer from the fallback ending in [DONE], or the partial answer and an explicit error.
   */
  @Test
  void droppedConnection_neverYieldsASilentlyTruncatedAnswer() throws Exception {
    for (int i = 0; i < 5; i++) {
      String body = chat("drops-mid-answer", true).body();

      boolean complete = body.contains("data: [DONE]") && !body.contains("\"error\"");
      boolean explicitError = body.contains("\"error\"") && !body.contains("data: [DONE]");
      assertThat(complete || explicitError).as(body).isTrue();
    }
  }

  @Test
  void awkwardlySplitSse_isReassembledExactly() throws Exception {
    String whole = chat("splits-sse", false).body();
    String split = chat("splits-sse", true).body();

    String expected = dev.gearbox.wire.Json.MAPPER.readTree(whole)
        .path("choices").path(0).path("message").path("content").asText();
    StringBuilder streamed = new StringBuilder();
    for (String line : split.split("\n")) {
      if (line.startsWith("data: {")) {
        var delta = dev.gearbox.wire.Json.MAPPER.readTree(line.substring(6))
            .path("choices").path(0).path("delta").path("content");
        if (delta.isTextual()) {
          streamed.append(delta.asText());
        }
      }
    }
    assertThat(streamed.toString()).isEqualTo(expected);
  }
}
