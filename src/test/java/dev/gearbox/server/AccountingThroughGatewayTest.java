package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call through the gateway is priced, compared with the frontier and in the ledger. */
class AccountingThroughGatewayTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.fromYaml("""
        simulator: {enabled: true, fast: true}
        providers:
          - {name: simulator, kind: openai-compatible, base_url: embedded}
        models:
          - {alias: sim-frontier, provider: simulator, tier: frontier}
          - {alias: sim-small, provider: simulator, tier: small}
        baseline_model: sim-frontier
        keys:
          - {id: admin, key_env: ADMIN_KEY, tenant: ops, admin: true}
          - id: thrifty
            key_env: THRIFTY_KEY
            tenant: acme
            budgets: [{period: day, usd: "0.0005", enforcement: hard}]
        """, dataDir, Map.of("ADMIN_KEY", "gbx-admin", "THRIFTY_KEY", "gbx-thrifty"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static HttpResponse<String> chat(String path, String key, String body, String... more)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < more.length; i += 2) {
      request.header(more[i], more[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final String QUESTION =
      "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"Summarise the causes of the French revolution in one paragraph.\"}]}";

  @Test
  void smallTierCall_costsLessThanItsFrontierCounterfactual() throws Exception {
    HttpResponse<String> response = chat("/v1/chat/completions", "gbx-admin",
        QUESTION.formatted("sim-small"), "x-gearbox-session", "agent-run-1");

    assertThat(response.statusCode()).isEqualTo(200);
    BigDecimal cost = new BigDecimal(response.headers().firstValue("x-gearbox-cost-usd").get());
    BigDecimal saved = new BigDecimal(response.headers().firstValue("x-gearbox-saved-usd").get());
    assertThat(cost).isPositive();
    assertThat(saved).isPositive();
  }

  @Test
  void frontierCall_savesNothing() throws Exception {
    HttpResponse<String> response =
        chat("/v1/chat/completions", "gbx-admin", QUESTION.formatted("sim-frontier"));

    assertThat(new BigDecimal(response.headers().firstValue("x-gearbox-saved-usd").get()))
        .isZero();
  }

  @Test
  void adminUsage_takesDatesAndRefusesABackwardsWindowWith400() throws Exception {
    HttpResponse<String> future = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/admin/usage?since=2999-01-01"))
            .header("authorization", "Bearer gbx-admin").build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> backwards = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/admin/usage?since=2026-12-04&until=2026-12-01"))
            .header("authorization", "Bearer gbx-admin").build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(future.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(future.body()).at("/total/requests").asLong()).isZero();
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(backwards.body()).contains("'since' must come before 'until'");
  }

  @Test
  void adminUsage_reportsTotalsAndGroupsFromTheLedger() throws Exception {
    chat("/v1/chat/completions", "gbx-admin", QUESTION.formatted("sim-small"),
        "x-gearbox-session", "agent-run-2");
    gateway.app.flushLedger();

    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/admin/usage"))
            .header("authorization", "Bearer gbx-admin").build(),
        HttpResponse.BodyHandlers.ofString());

    JsonNode usage = Json.MAPPER.readTree(response.body());
    assertThat(usage.path("total").path("requests").asLong()).isPositive();
    assertThat(usage.path("by").path("tier").toString()).contains("small");
    assertThat(usage.path("by").path("session").toString()).contains("agent-run-2");
  }

  @Test
  void adminUsage_refusesANonAdminKey() throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/admin/usage"))
            .header("authorization", "Bearer gbx-thrifty").build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void hardBudget_refusesBeforeCallingUpstream_inEachApisFormat() throws Exception {
    HttpResponse<String> first = chat("/v1/chat/completions", "gbx-thrifty",
        QUESTION.formatted("sim-frontier"));
    HttpResponse<String> anthropic = chat("/v1/messages", "gbx-thrifty",
        "{\"model\":\"sim-frontier\",\"max_tokens\":4000,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Write an essay.\"}]}");

    assertThat(first.statusCode()).isEqualTo(402);
    assertThat(first.body()).contains("budget_exceeded").contains("$0.0005");
    assertThat(anthropic.statusCode()).isEqualTo(402);
    assertThat(anthropic.body()).contains("billing_error");
  }
}
