package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.audit.AuditKeys;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.audit.AuditVerifier;
import dev.gearbox.audit.StoredRecord;
import dev.gearbox.audit.Verification;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call through a running gateway lands in the audit log before the client has its answer:
 * plain and streamed answers, refusals, with the routing decision and the agent-session links;
 * and the session endpoint turns those links into a call tree.
 */
class AuditThroughGatewayTest {
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
          - {id: admin, key_env: ADMIN_KEY, admin: true}
          - {id: agent, key_env: AGENT_KEY, tenant: acme}
          - id: broke
            key_env: BROKE_KEY
            budgets: [{period: day, usd: "0.0000001", enforcement: hard}]
        """, dataDir, Map.of("ADMIN_KEY", "gbx-admin", "AGENT_KEY", "gbx-agent",
        "BROKE_KEY", "gbx-broke"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void plainAnswer_isAuditedWithItsDecisionAndDigests() throws Exception {
    HttpResponse<String> response = chat("gbx-agent", question("sim-small", false),
        "x-gearbox-session", "run-1");

    JsonNode body = onlyRecord(requestId(response));
    assertThat(body.path("status").asInt()).isEqualTo(200);
    assertThat(body.path("key_id").asText()).isEqualTo("agent");
    assertThat(body.path("tenant").asText()).isEqualTo("acme");
    assertThat(body.path("session_id").asText()).isEqualTo("run-1");
    assertThat(body.at("/decision/served_model").asText()).isEqualTo("sim-small");
    assertThat(body.at("/decision/tier").asText()).isEqualTo("small");
    assertThat(body.at("/decision/reason").asText()).isEqualTo("explicit");
    assertThat(body.at("/usage/output_tokens").asLong()).isPositive();
    assertThat(body.path("cost_usd").asText())
        .startsWith(response.headers().firstValue("x-gearbox-cost-usd").orElseThrow());
    assertThat(body.path("request_sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(body.path("answer_sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(body.has("content")).isFalse();
  }

  @Test
  void streamedAnswer_isAuditedBeforeItsFinalEvent() throws Exception {
    HttpResponse<String> response = chat("gbx-agent", question("sim-frontier", true));

    assertThat(response.body()).contains("data: [DONE]");
    JsonNode body = onlyRecord(requestId(response));
    assertThat(body.path("status").asInt()).isEqualTo(200);
    assertThat(body.at("/decision/served_model").asText()).isEqualTo("sim-frontier");
    assertThat(body.path("answer_sha256").asText()).matches("[0-9a-f]{64}");
  }

  @Test
  void refusedCall_isAuditedWithTheRefusal() throws Exception {
    HttpResponse<String> response = chat("gbx-broke", question("sim-frontier", false));

    assertThat(response.statusCode()).isEqualTo(402);
    JsonNode body = onlyRecord(requestId(response));
    assertThat(body.path("status").asInt()).isEqualTo(402);
    assertThat(body.at("/error/kind").asText()).isEqualTo("BudgetExceeded");
    assertThat(body.at("/error/message").asText()).contains("budget");
    assertThat(body.has("answer_sha256")).isFalse();
  }

  @Test
  void callRefusedByTheRouteStage_isAuditedToo() throws Exception {
    HttpResponse<String> streamed = chat("gbx-agent", question("gpt-5", true));
    HttpResponse<String> plain = chat("gbx-agent", question("gpt-5", false));

    for (HttpResponse<String> response : List.of(streamed, plain)) {
      assertThat(response.statusCode()).isEqualTo(404);
      JsonNode body = onlyRecord(requestId(response));
      assertThat(body.path("status").asInt()).isEqualTo(404);
      assertThat(body.at("/error/kind").asText()).isEqualTo("ModelNotFound");
      // the message repeats the client's model name: content, kept out unless content is logged
      assertThat(body.at("/error").has("message")).isFalse();
    }
  }

  @Test
  void callId_isTheRequestIdUnlessTheClientNamesIt() throws Exception {
    HttpResponse<String> unnamed = chat("gbx-agent", question("sim-small", false));
    HttpResponse<String> named = chat("gbx-agent", question("sim-small", false),
        "x-gearbox-call-id", "step-7");

    assertThat(unnamed.headers().firstValue("x-gearbox-call-id"))
        .contains(requestId(unnamed));
    assertThat(named.headers().firstValue("x-gearbox-call-id")).contains("step-7");
    assertThat(onlyRecord(requestId(named)).path("call_id").asText()).isEqualTo("step-7");
  }

  @Test
  void sessionEndpoint_showsTheAgentsCallTree() throws Exception {
    String session = "run-tree";
    chat("gbx-agent", question("sim-frontier", false), "x-gearbox-session", session,
        "x-gearbox-call-id", "plan");
    chat("gbx-agent", question("sim-small", false), "x-gearbox-session", session,
        "x-gearbox-call-id", "sub-1", "x-gearbox-parent", "plan");
    chat("gbx-agent", question("sim-small", true), "x-gearbox-session", session,
        "x-gearbox-call-id", "sub-2", "x-gearbox-parent", "plan");
    chat("gbx-agent", question("sim-small", false), "x-gearbox-session", session,
        "x-gearbox-call-id", "check", "x-gearbox-parent", "sub-2");

    HttpResponse<String> response = admin("/admin/sessions/" + session, "gbx-admin");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode tree = Json.MAPPER.readTree(response.body());
    assertThat(tree.at("/totals/calls").asInt()).isEqualTo(4);
    assertThat(tree.at("/calls/0/call_id").asText()).isEqualTo("plan");
    assertThat(tree.at("/calls/0/model").asText()).isEqualTo("sim-frontier");
    assertThat(tree.at("/calls/0/children/1/call_id").asText()).isEqualTo("sub-2");
    assertThat(tree.at("/calls/0/children/1/children/0/call_id").asText()).isEqualTo("check");
    assertThat(tree.at("/prompt_tokens_by_depth/2/calls").asInt()).isEqualTo(1);
  }

  @Test
  void sessionEndpoint_needsAnAdminKey_andKnowsUnknownSessions() throws Exception {
    assertThat(admin("/admin/sessions/run-1", "gbx-agent").statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = admin("/admin/sessions/never-seen", "gbx-admin");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("never-seen");
  }

  @Test
  void logOfARunningGateway_verifies() throws Exception {
    chat("gbx-agent", question("sim-small", false));

    Verification result = new AuditVerifier(reader(),
        List.of(AuditKeys.readPublicKey(dataDir.resolve(AuditKeys.PUBLIC_KEY_FILE))),
        List.of()).verify();
    assertThat(result.intact()).as(result.summary()).isTrue();
  }

  private static JsonNode onlyRecord(String requestId) {
    List<StoredRecord> records = reader().byRequestId(requestId);
    assertThat(records).as("audit records of %s", requestId).hasSize(1);
    return records.getFirst().parsed().orElseThrow();
  }

  private static AuditReader reader() {
    return AuditReader.direct(new DatabaseConfig.Sqlite(dataDir));
  }

  private static String requestId(HttpResponse<?> response) {
    return response.headers().firstValue("x-gearbox-request-id").orElseThrow();
  }

  private static String question(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":"
        + "\"user\",\"content\":\"Name three prime numbers.\"}]}";
  }

  private static HttpResponse<String> chat(String key, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> admin(String path, String key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(gateway.uri(path))
        .header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
  }
}
