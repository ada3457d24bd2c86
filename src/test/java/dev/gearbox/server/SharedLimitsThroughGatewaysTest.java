package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on one data directory (one SQLite file), as two processes would run: a key's hard
 * budget and its requests per minute hold for both together, not once per gateway.
 */
class SharedLimitsThroughGatewaysTest {
  private static final String CONFIG = """
      simulator: {enabled: true, fast: true}
      providers:
        - {name: simulator, kind: openai-compatible, base_url: embedded}
      models:
        - {alias: sim-frontier, provider: simulator, tier: frontier}
        - {alias: sim-small, provider: simulator, tier: small}
      baseline_model: sim-frontier
      prices:
        sim-small: {input_per_million: "10", output_per_million: "100"}
      keys:
        - id: thrifty
          key_env: THRIFTY_KEY
          tenant: acme
          budgets: [{period: day, usd: "0.05", enforcement: hard}]
        - id: hasty
          key_env: HASTY_KEY
          tenant: acme
          rate_limit: {requests_per_minute: 5}
      """;
  private static final String QUESTION = "{\"model\":\"sim-small\",\"max_tokens\":100,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Explain photosynthesis in detail.\"}]}";

  private static final Map<String, String> ENV =
      Map.of("THRIFTY_KEY", "gbx-thrifty", "HASTY_KEY", "gbx-hasty");

  @TempDir Path dataDir;

  @Test
  void twoGatewaysOnOneDatabase_spendAHardBudgetOnceBetweenThem() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (GatewayHarness a = GatewayHarness.fromYaml(CONFIG, dataDir, ENV);
        GatewayHarness b = GatewayHarness.fromYaml(CONFIG, dataDir, ENV)) {
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        GatewayHarness gateway = i % 2 == 0 ? a : b;
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
            .header("content-type", "application/json")
            .header("authorization", "Bearer gbx-thrifty")
            .POST(HttpRequest.BodyPublishers.ofString(QUESTION))
            .build();
        calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      }

      BigDecimal spent = BigDecimal.ZERO;
      int served = 0;
      int refused = 0;
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        HttpResponse<String> response = call.join();
        if (response.statusCode() == 200) {
          served++;
          spent = spent.add(new BigDecimal(
              response.headers().firstValue("x-gearbox-cost-usd").orElseThrow()));
        } else {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
          refused++;
        }
      }

      assertThat(served).isPositive();
      assertThat(refused).isPositive();
      assertThat(spent).isLessThanOrEqualTo(new BigDecimal("0.05"));
    }
  }

  @Test
  void twoGatewaysOnOneDatabase_shareARequestsPerMinuteLimit() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (GatewayHarness a = GatewayHarness.fromYaml(CONFIG, dataDir, ENV);
        GatewayHarness b = GatewayHarness.fromYaml(CONFIG, dataDir, ENV)) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        GatewayHarness gateway = i % 2 == 0 ? a : b;
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
            .header("content-type", "application/json")
            .header("authorization", "Bearer gbx-hasty")
            .POST(HttpRequest.BodyPublishers.ofString(QUESTION))
            .build();
        statuses.add(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
      }

      assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429, 429, 429, 429);
    }
  }
}
