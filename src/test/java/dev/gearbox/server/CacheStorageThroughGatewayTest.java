package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.wire.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers that look complete but must not be pinned in the cache. */
class CacheStorageThroughGatewayTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LoopbackModel model;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    model = LoopbackModel.answeringInTurn("", "  \n", "a real answer");
    gateway = GatewayHarness.fromYaml("""
        providers:
          - {name: loop, kind: openai-compatible, base_url: %s, max_retries: 0}
        models:
          - {alias: loop, provider: loop, tier: small}
        prices:
          loop: {input_per_million: "1", output_per_million: "1"}
        cache: {ttl: 1h}
        """.formatted(model.baseUrl()), dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    model.close();
  }

  private static HttpResponse<String> ask(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(gateway.uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anEmptyAnswer_isServedButNeverCached() throws Exception {
    String body = "{\"model\":\"loop\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}";
    HttpResponse<String> empty = ask("/v1/chat/completions", body);
    HttpResponse<String> blank = ask("/v1/chat/completions", body);
    HttpResponse<String> real = ask("/v1/chat/completions", body);
    HttpResponse<String> repeat = ask("/v1/chat/completions", body);

    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(blank.headers().firstValue("x-gearbox-cache")).contains("miss");
    assertThat(real.headers().firstValue("x-gearbox-cache")).contains("miss");
    assertThat(Json.MAPPER.readTree(real.body()).path("choices").path(0).path("message")
        .path("content").asText()).isEqualTo("a real answer");
    assertThat(repeat.headers().firstValue("x-gearbox-cache")).contains("hit-exact");
    assertThat(model.calls()).isEqualTo(3);
  }
}
