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

/** {@code GET /calls/{id}}: a call's cost and route after the answer, streamed ones included. */
class CallEndpointTest {
  @TempDir static Path dataDir;

  private static final String KEY_A = "gbx-team-a-91c2";
  private static final String KEY_B = "gbx-team-b-44d0";
  private static final String ADMIN = "gbx-ops-0e7a";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.fromYaml("""
        simulator:
          enabled: true
          fast: true
        providers:
          - name: simulator
            kind: openai-compatible
            base_url: embedded
        models:
          - alias: sim-small
            provider: simulator
            tier: small
        keys:
          - {id: team-a, key_env: KEY_A}
          - {id: team-b, key_env: KEY_B}
          - {id: ops, key_env: ADMIN, admin: true}
        """, dataDir, Map.of("KEY_A", KEY_A, "KEY_B", KEY_B, "ADMIN", ADMIN));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static HttpResponse<String> streamed(String key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-small\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Name three rivers.\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> call(String id, String key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(gateway.uri("/calls/" + id))
        .header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void streamedAnswer_itsCostCanBeReadRightAfterTheLastEvent() throws Exception {
    HttpResponse<String> answer = streamed(KEY_A);
    assertThat(answer.body()).contains("[DONE]");
    assertThat(answer.headers().firstValue("x-gearbox-cost-usd")).isEmpty();
    String id = answer.headers().firstValue("x-gearbox-request-id").orElseThrow();

    HttpResponse<String> response = call(id, KEY_A);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode call = Json.MAPPER.readTree(response.body()).path("call");
    assertThat(call.path("request_id").asText()).isEqualTo(id);
    assertThat(call.path("key_id").asText()).isEqualTo("team-a");
    assertThat(call.path("status").asInt()).isEqualTo(200);
    assertThat(call.at("/decision/served_model").asText()).isEqualTo("sim-small");
    assertThat(call.at("/usage/output_tokens").asLong()).isPositive();
    assertThat(new BigDecimal(call.path("cost_usd").asText())).isPositive();
    assertThat(call.has("saved_usd")).isTrue();
  }

  @Test
  void anotherKeysCall_isNotFound_butAnAdminReadsIt() throws Exception {
    String id = streamed(KEY_A).headers().firstValue("x-gearbox-request-id").orElseThrow();

    HttpResponse<String> other = call(id, KEY_B);
    HttpResponse<String> admin = call(id, ADMIN);

    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body()).contains("\"error\"").contains("x-gearbox-request-id")
        .doesNotContain(id);
    assertThat(admin.statusCode()).isEqualTo(200);
  }

  @Test
  void unknownId_is404_andAMissingKey401() throws Exception {
    assertThat(call("req-does-not-exist", KEY_A).statusCode()).isEqualTo(404);
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(
        gateway.uri("/calls/anything")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }
}
