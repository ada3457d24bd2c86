package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.server.RawUpstream.Reply;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.Simulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While an upstream is down, requests go straight to the fallback instead of each paying for
 * the dead upstream's failures first; with {@code routing.cooldown_ms: 0} every request tries it.
 */
class CooldownTest {
  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private RawUpstream down;
  private Simulator backup;

  @BeforeEach
  void start() {
    down = new RawUpstream();
    backup = Simulator.start(SimConfig.defaults().fast(), 0);
  }

  @AfterEach
  void stop() {
    backup.close();
    down.close();
  }

  private GatewayHarness gateway(String routing) {
    return GatewayHarness.fromYaml("""
        providers:
          - {name: down, kind: openai-compatible, base_url: %s, max_retries: 1}
          - {name: backup, kind: openai-compatible, base_url: %s, max_retries: 0}
        models:
          - {alias: main, provider: down, upstream_model: m, tier: small,
             fallbacks: [sim-frontier]}
          - {alias: sim-frontier, provider: backup, tier: frontier}
        %s
        prices:
          m: {input_per_million: "1", output_per_million: "1"}
          sim-frontier: {input_per_million: "1", output_per_million: "1"}
        """.formatted(down.baseUrl(), backup.baseUri(), routing), dataDir, Map.of());
  }

  private HttpResponse<String> chat(GatewayHarness gateway) throws Exception {
    return http.send(
        HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void failEveryCall() {
    for (int i = 0; i < 20; i++) {
      down.next(Reply.json(503, "{\"error\":{\"message\":\"Service Unavailable\"}}"));
    }
  }

  @Test
  void anUpstreamThatKeepsFailing_isPassedOverForItsFallback() throws Exception {
    failEveryCall();
    try (GatewayHarness gateway = gateway("")) {
      chat(gateway);
      chat(gateway);
      int tried = down.received().size();

      HttpResponse<String> response = chat(gateway);

      assertThat(tried).isEqualTo(4);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-route").orElse(""))
          .contains("model=sim-frontier");
      assertThat(down.received()).hasSize(tried);
    }
  }

  @Test
  void withCooldownsOff_everyRequestTriesTheUpstreamFirst() throws Exception {
    failEveryCall();
    try (GatewayHarness gateway = gateway("routing: {cooldown_ms: 0}")) {
      for (int i = 0; i < 3; i++) {
        assertThat(chat(gateway).statusCode()).isEqualTo(200);
      }

      assertThat(down.received()).hasSize(6);
    }
  }
}
