package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.compress.AgentTraces;
import dev.gearbox.compress.Trajectory;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.sim.ReceivedRequest;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import dev.gearbox.wire.OpenAiCodec;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long agent contexts sent to the gateway over HTTP reach the frontier model compressed, and
 * the response says so, and the saving counts the tokens removed; the summary method's small-tier
 * call is a ledger row of its own, a child of the call it served, with nothing to compare with.
 */
class CompressionThroughGatewayTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern HEADER = Pattern.compile("method=(\\w+); tokens=(\\d+)->(\\d+)");
  private static final Trajectory RUN = AgentTraces.bundled().trajectories().get(7);

  @TempDir Path dataDir;

  /**
   * Posts an agent call pinned to the frontier tier: compression shortens what goes to the
   * frontier, and where the router would send a call is not what these tests are about.
   */
  private static HttpResponse<String> post(GatewayHarness gateway, ChatRequest request,
      String session) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-gearbox-session", session)
        .header("x-gearbox-tier", "frontier")
        .POST(HttpRequest.BodyPublishers.ofString(
            OpenAiCodec.encodeRequest(request).toString()))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The last call of the run: over 4,000 tokens, many rounds. */
  private static ChatRequest longCall() {
    ChatRequest call = RUN.calls().getLast();
    assertThat(TokenCounter.cl100k().countPrompt(call)).isGreaterThan(4000);
    return call;
  }

  @Test
  void embeddedDefault_compressesALongAgentContextAndSaysSoInAHeader() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.embeddedDefault(dataDir)) {
      ChatRequest call = longCall();

      HttpResponse<String> response = post(gateway, call, "run-7");

      assertThat(response.statusCode()).isEqualTo(200);
      Matcher header = HEADER.matcher(
          response.headers().firstValue("x-gearbox-compression").orElseThrow());
      assertThat(header.matches()).isTrue();
      assertThat(header.group(1)).isEqualTo("extractive");
      assertThat(Long.parseLong(header.group(2)))
          .isEqualTo(TokenCounter.cl100k().countPrompt(call));
      assertThat(Long.parseLong(header.group(3))).isLessThan(Long.parseLong(header.group(2)));
      List<ReceivedRequest> upstream = gateway.app.simulator().orElseThrow().received();
      assertThat(upstream).hasSize(1);
      assertThat(upstream.getFirst().bodyBytes())
          .isLessThan(OpenAiCodec.encodeRequest(call).toString().length() * 3 / 4);
      assertThat(new BigDecimal(response.headers().firstValue("x-gearbox-saved-usd")
          .orElseThrow())).isPositive();
    }
  }

  @Test
  void shortPrompt_passesWithoutACompressionHeader() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.embeddedDefault(dataDir)) {
      HttpResponse<String> response = post(gateway, RUN.calls().getFirst(), "run-7");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-compression")).isEmpty();
    }
  }

  @Test
  void streamedCall_isCompressedToo() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.embeddedDefault(dataDir)) {
      HttpResponse<String> response =
          post(gateway, longCall().withStream(true, true), "run-7-stream");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-compression").orElseThrow())
          .startsWith("method=extractive; tokens=");
      assertThat(response.body()).contains("data: [DONE]");
    }
  }

  @Test
  void summaryMethod_callsTheSmallTierOnceAsAChildCall() throws Exception {
    String yaml = """
        simulator: {enabled: true, fast: true}
        providers:
          - {name: simulator, kind: openai-compatible, base_url: embedded}
        models:
          - {alias: sim-frontier, provider: simulator, tier: frontier}
          - {alias: sim-small, provider: simulator, tier: small}
        compression: {method: summary, min_prompt_tokens: 3000}
        """;
    try (GatewayHarness gateway = GatewayHarness.fromYaml(yaml, dataDir, Map.of())) {
      HttpResponse<String> first = post(gateway, longCall(), "run-7-summary");
      HttpResponse<String> again = post(gateway, longCall(), "run-7-summary");

      assertThat(first.headers().firstValue("x-gearbox-compression").orElseThrow())
          .startsWith("method=summary; tokens=");
      assertThat(again.headers().firstValue("x-gearbox-compression")).isPresent();
      assertThat(gateway.app.simulator().orElseThrow().received())
          .extracting(r -> r.model().orElseThrow())
          .containsExactly("sim-small", "sim-frontier", "sim-frontier");
      gateway.app.flushLedger();
      String requestId = first.headers().firstValue("x-gearbox-request-id").orElseThrow();
      assertThat(ledgerRows(dataDir)).contains(
          requestId + "-summary|" + requestId + "|sim-small|run-7-summary|no counterfactual",
          requestId + "|-|sim-frontier|run-7-summary|counterfactual");

      JsonNode tree = sessionTree(gateway, "run-7-summary");
      JsonNode root = tree.path("calls").get(0);
      assertThat(root.path("request_id").asText()).isEqualTo(requestId);
      assertThat(root.path("compression").path("method").asText()).isEqualTo("summary");
      assertThat(root.path("children").get(0).path("call_id").asText())
          .isEqualTo(requestId + "-summary");
      assertThat(root.path("children").get(0).path("model").asText()).isEqualTo("sim-small");
    }
  }

  @Test
  void sessionTree_showsWhichCallsWereCompressed() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.embeddedDefault(dataDir)) {
      post(gateway, RUN.calls().getFirst(), "run-7-tree");
      post(gateway, longCall(), "run-7-tree");

      JsonNode calls = sessionTree(gateway, "run-7-tree").path("calls");

      assertThat(calls).hasSize(2);
      assertThat(calls.get(0).has("compression")).isFalse();
      JsonNode compressed = calls.get(1).path("compression");
      assertThat(compressed.path("method").asText()).isEqualTo("extractive");
      assertThat(compressed.path("tokens_after").asLong())
          .isLessThan(compressed.path("tokens_before").asLong());
    }
  }

  private static JsonNode sessionTree(GatewayHarness gateway, String session) throws Exception {
    gateway.app.flushLedger();
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/admin/sessions/" + session)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  private static List<String> ledgerRows(Path dataDir) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Database database = Database.open(new DatabaseConfig.Sqlite(dataDir));
        Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT request_id, parent_call_id,"
            + " served_model, session_id, counterfactual_picousd FROM ledger ORDER BY id")) {
      while (result.next()) {
        String parent = result.getString(2);
        rows.add(result.getString(1) + "|" + (parent == null ? "-" : parent) + "|"
            + result.getString(3) + "|" + result.getString(4) + "|"
            + (result.getLong(5) == 0 ? "no counterfactual" : "counterfactual"));
      }
    }
    return rows;
  }
}
