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

/**
 * Requests that differ only in something that decides the answer outside the request body must
 * not share a cache entry: what picks the model behind a router alias (a key's tier pin, the
 * {@code x-gearbox-tier} header).
 */
class CacheKeyingThroughGatewayTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LoopbackModel small;
  private static LoopbackModel frontier;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    small = LoopbackModel.answering("the small model's answer");
    frontier = LoopbackModel.answering("the frontier model's answer");
    gateway = GatewayHarness.fromYaml("""
        providers:
          - {name: little, kind: openai-compatible, base_url: %s, max_retries: 0}
          - {name: big, kind: openai-compatible, base_url: %s, max_retries: 0}
        models:
          - {alias: small, provider: little, tier: small}
          - {alias: frontier, provider: big, tier: frontier}
        routing:
          default_model: small
          small_model: small
          frontier_model: frontier
          key_tiers: {premium: frontier}
        prices:
          frontier: {input_per_million: "10", output_per_million: "30"}
          small: {input_per_million: "0.5", output_per_million: "0.5"}
        keys:
          - {id: basic, key_env: BASIC_KEY, tenant: acme}
          - {id: premium, key_env: PREMIUM_KEY, tenant: acme}
        cache: {ttl: 1h}
        """.formatted(small.baseUrl(), frontier.baseUrl()), dataDir,
        Map.of("BASIC_KEY", "gbx-basic", "PREMIUM_KEY", "gbx-premium"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    small.close();
    frontier.close();
  }

  private static HttpResponse<String> ask(String key, String question, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"" + question + "\"}]}"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String text(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body()).path("choices").path(0).path("message")
        .path("content").asText();
  }

  private static String cache(HttpResponse<String> response) {
    return response.headers().firstValue("x-gearbox-cache").orElse("");
  }

  @Test
  void aTierPinnedByHeader_isNeverServedTheOtherTiersAnswer() throws Exception {
    HttpResponse<String> unpinned = ask("gbx-basic", "Explain recursion briefly.");
    HttpResponse<String> pinned =
        ask("gbx-basic", "Explain recursion briefly.", "x-gearbox-tier", "frontier");
    HttpResponse<String> pinnedAgain =
        ask("gbx-basic", "Explain recursion briefly.", "x-gearbox-tier", " Frontier ");

    assertThat(text(unpinned)).isEqualTo("the small model's answer");
    assertThat(cache(pinned)).isEqualTo("miss");
    assertThat(text(pinned)).isEqualTo("the frontier model's answer");
    assertThat(cache(pinnedAgain)).isEqualTo("hit-exact");
    assertThat(text(pinnedAgain)).isEqualTo("the frontier model's answer");
  }

  @Test
  void aKeyPinnedToATier_isNeverServedAnotherKeysAnswerFromTheOtherTier() throws Exception {
    HttpResponse<String> basic = ask("gbx-basic", "Name a prime number.");
    HttpResponse<String> premium = ask("gbx-premium", "Name a prime number.");
    HttpResponse<String> basicAgain = ask("gbx-basic", "Name a prime number.");

    assertThat(text(basic)).isEqualTo("the small model's answer");
    assertThat(cache(premium)).isEqualTo("miss");
    assertThat(text(premium)).isEqualTo("the frontier model's answer");
    assertThat(cache(basicAgain)).isEqualTo("hit-exact");
  }

  @Test
  void anExplicitModel_ignoresTheTierHeader() throws Exception {
    String body = "{\"model\":\"small\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi!\"}]}";
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer gbx-basic")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> again = HTTP.send(request.header("x-gearbox-tier", "frontier").build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(cache(again)).isEqualTo("hit-exact");
  }
}
