package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.Simulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that fail before any answer, for reasons an operator must tell apart to fix them:
 * a host name that does not resolve, and TLS that cannot be set up (https configured for a
 * plain-http server). Each is named for what it is, and a TLS failure, which no retry mends,
 * falls back at once.
 */
class UpstreamConnectionFailuresTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static RawUpstream plainHttp;
  private static Simulator backup;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    plainHttp = new RawUpstream();
    backup = Simulator.start(SimConfig.defaults().fast(), 0);
    String https = plainHttp.baseUrl().toString().replace("http://", "https://");
    gateway = GatewayHarness.fromYaml("""
        providers:
          - {name: unresolvable, kind: openai-compatible,
             base_url: "http://no-such-host.invalid/v1", max_retries: 0}
          - {name: tls-mismatch, kind: openai-compatible, base_url: "%s", max_retries: 1}
          - {name: backup, kind: openai-compatible, base_url: %s, max_retries: 0}
        models:
          - {alias: unresolvable, provider: unresolvable, upstream_model: m, tier: small}
          - {alias: tls-mismatch, provider: tls-mismatch, upstream_model: m, tier: small}
          - {alias: tls-with-fallback, provider: tls-mismatch, upstream_model: m, tier: small,
             fallbacks: [sim-frontier]}
          - {alias: sim-frontier, provider: backup, tier: frontier}
        prices:
          m: {input_per_million: "1", output_per_million: "1"}
          sim-frontier: {input_per_million: "1", output_per_million: "1"}
        """.formatted(https, backup.baseUri()), dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    backup.close();
    plainHttp.close();
  }

  private static HttpResponse<String> chat(String model) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnresolvableHost_isNamedAsSuch_notAsARefusal() throws Exception {
    HttpResponse<String> response = chat("unresolvable");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("could not be resolved").doesNotContain("refused")
        .doesNotContain("no-such-host");
  }

  @Test
  void tlsThatCannotBeSetUp_isNamedAsSuch() throws Exception {
    HttpResponse<String> response = chat("tls-mismatch");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("TLS").contains("base URL");
  }

  @Test
  void tlsThatCannotBeSetUp_fallsBackWithoutRetrying() throws Exception {
    HttpResponse<String> response = chat("tls-with-fallback");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-gearbox-route").orElse(""))
        .contains("model=sim-frontier").contains("attempts=2");
  }
}
