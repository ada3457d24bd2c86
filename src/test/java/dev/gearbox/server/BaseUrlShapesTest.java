package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A base URL written the way SDKs and server docs write it reaches the API: a bare host (as
 * Ollama's docs and the Anthropic SDK give it), or the whole endpoint URL pasted from a curl
 * example.
 */
class BaseUrlShapesTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LoopbackModel upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = LoopbackModel.answering("reached");
    String root = "http://127.0.0.1:" + upstream.baseUrl().getPort();
    gateway = GatewayHarness.fromYaml("""
        providers:
          - {name: bare, kind: openai-compatible, base_url: "%1$s", max_retries: 0}
          - {name: slash, kind: ollama, base_url: "%1$s/", max_retries: 0}
          - {name: endpoint, kind: openai-compatible, base_url: "%1$s/v1/chat/completions",
             max_retries: 0}
          - {name: anthropic-bare, kind: anthropic, base_url: "%1$s", max_retries: 0}
          - {name: anthropic-endpoint, kind: anthropic, base_url: "%1$s/v1/messages",
             max_retries: 0}
        models:
          - {alias: bare, provider: bare, upstream_model: m, tier: small}
          - {alias: slash, provider: slash, upstream_model: m, tier: small}
          - {alias: endpoint, provider: endpoint, upstream_model: m, tier: small}
          - {alias: anthropic-bare, provider: anthropic-bare, upstream_model: m, tier: small}
          - {alias: anthropic-endpoint, provider: anthropic-endpoint, upstream_model: m,
             tier: small}
        routing: {default_model: bare}
        prices:
          m: {input_per_million: "1", output_per_million: "1"}
        """.formatted(root), dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @Test
  void everyShape_reachesTheApi() throws Exception {
    for (String model : new String[] {"bare", "slash", "endpoint", "anthropic-bare",
        "anthropic-endpoint"}) {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                  + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(model).isEqualTo(200);
      assertThat(response.body()).as(model).contains("reached");
    }
  }
}
