package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.Simulator;
import dev.gearbox.store.DatabaseConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway with an on-prem model (the in-process simulator) and models on an "external"
 * provider (a second simulator, which records every request it receives). Restricted requests
 * never reach the external one: they fall back on-prem, or are refused with a clear error.
 */
class DataLabelPolicyTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Simulator external;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    external = Simulator.start(SimConfig.defaults().fast(), 0);
    gateway = GatewayHarness.fromYaml("""
        simulator: {enabled: true, fast: true}
        providers:
          - {name: local, kind: openai-compatible, base_url: embedded, locality: on-prem}
          - {name: cloud, kind: openai-compatible, base_url: "%s", locality: external}
        models:
          - alias: cloud-frontier
            provider: cloud
            upstream_model: sim-frontier
            tier: frontier
            fallbacks: [local-small]
          - {alias: cloud-only, provider: cloud, upstream_model: sim-frontier, tier: frontier}
          - {alias: local-small, provider: local, upstream_model: sim-small, tier: small}
        routing: {default_model: cloud-frontier}
        baseline_model: cloud-frontier
        keys:
          - {id: analyst, key_env: ANALYST_KEY}
          - {id: vault, key_env: VAULT_KEY, data_label: restricted}
        """.formatted(external.baseUri()), dataDir,
        Map.of("ANALYST_KEY", "gbx-analyst", "VAULT_KEY", "gbx-vault"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    external.close();
  }

  @BeforeEach
  void forgetWhatTheExternalUpstreamSaw() {
    external.clearReceived();
  }

  @Test
  void publicRequest_mayGoToTheExternalProvider() throws Exception {
    HttpResponse<String> response = openAi("gbx-analyst", "auto", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-gearbox-model")).contains("cloud-frontier");
    assertThat(response.headers().firstValue("x-gearbox-data-label")).contains("public");
    assertThat(external.received()).hasSize(1);
  }

  @Test
  void restrictedRequest_fallsBackOnPrem_andNeverReachesTheExternalUpstream() throws Exception {
    HttpResponse<String> plain = openAi("gbx-analyst", "auto", false,
        "x-gearbox-data-label", "restricted");
    HttpResponse<String> streamed = openAi("gbx-analyst", "auto", true,
        "x-gearbox-data-label", "restricted");

    for (HttpResponse<String> response : java.util.List.of(plain, streamed)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-model")).contains("local-small");
      assertThat(response.headers().firstValue("x-gearbox-route").orElseThrow())
          .contains("data label restricted excluded cloud-frontier (external)");
    }
    assertThat(external.received()).isEmpty();
  }

  @Test
  void restrictedRequestWithNoOnPremModel_isRefusedClearly_inEachApisFormat() throws Exception {
    HttpResponse<String> openAi = openAi("gbx-analyst", "cloud-only", false,
        "x-gearbox-data-label", "restricted");
    HttpResponse<String> anthropic = send("/v1/messages", "gbx-analyst",
        "{\"model\":\"cloud-only\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Summarise the incident report.\"}]}",
        "x-gearbox-data-label", "restricted");

    assertThat(openAi.statusCode()).isEqualTo(403);
    assertThat(openAi.body()).contains("permission_error", "data label 'restricted'",
        "on-prem providers only", "cloud-only (external)");
    assertThat(anthropic.statusCode()).isEqualTo(403);
    assertThat(anthropic.body()).contains("permission_error", "cloud-only (external)");
    assertThat(external.received()).isEmpty();
  }

  @Test
  void keysLabel_cannotBeLoweredByTheRequest() throws Exception {
    HttpResponse<String> response = openAi("gbx-vault", "cloud-only", false,
        "x-gearbox-data-label", "public");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("x-gearbox-data-label")).contains("restricted");
    assertThat(external.received()).isEmpty();
  }

  @Test
  void unknownLabel_isABadRequestListingTheLabels() throws Exception {
    HttpResponse<String> response = openAi("gbx-analyst", "auto", false,
        "x-gearbox-data-label", "top-secret");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("public, internal, restricted");
    assertThat(external.received()).isEmpty();
  }

  @Test
  void policyDecisions_areInTheAuditLog() throws Exception {
    HttpResponse<String> refused = openAi("gbx-vault", "cloud-only", false);
    HttpResponse<String> rerouted = openAi("gbx-vault", "auto", false);

    JsonNode refusal = record(refused);
    assertThat(refusal.path("data_label").asText()).isEqualTo("restricted");
    assertThat(refusal.path("status").asInt()).isEqualTo(403);
    assertThat(refusal.at("/error/kind").asText()).isEqualTo("Forbidden");
    assertThat(refusal.at("/error/message").asText()).contains("cloud-only (external)");
    JsonNode served = record(rerouted);
    assertThat(served.path("data_label").asText()).isEqualTo("restricted");
    assertThat(served.at("/decision/served_model").asText()).isEqualTo("local-small");
    assertThat(served.at("/decision/reason").asText())
        .contains("excluded cloud-frontier (external)");
  }

  private static JsonNode record(HttpResponse<String> response) {
    String id = response.headers().firstValue("x-gearbox-request-id").orElseThrow();
    return AuditReader.direct(new DatabaseConfig.Sqlite(dataDir)).byRequestId(id).getFirst()
        .parsed().orElseThrow();
  }

  private static HttpResponse<String> openAi(String key, String model, boolean stream,
      String... headers) throws Exception {
    return send("/v1/chat/completions", key, "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise the incident report.\"}]}",
        headers);
  }

  private static HttpResponse<String> send(String path, String key, String body,
      String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
