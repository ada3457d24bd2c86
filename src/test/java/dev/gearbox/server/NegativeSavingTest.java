package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.audit.SessionRendering;
import dev.gearbox.audit.SessionReport;
import dev.gearbox.cost.UsageGrouping;
import dev.gearbox.cost.UsageReport;
import dev.gearbox.cost.UsageRendering;
import dev.gearbox.cost.UsageWindow;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import java.math.BigDecimal;
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
 * A call the cascade escalates pays for the discarded small call as well as the frontier's, so
 * it costs more than the frontier alone: its saving is negative, and every place that reports it
 * (header, ledger, usage, audit record, /calls, the session report) says the same amount.
 */
class NegativeSavingTest {
  @TempDir static Path dir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  // frontier: 20 in x $10/M + 10 out x $30/M = $0.0005 (also the all-frontier cost);
  // the discarded small call: 30 tokens x $0.5/M = $0.000015, so the call saved -$0.000015.
  private static final BigDecimal SAVED = new BigDecimal("-0.000015");

  private static GatewayHarness gateway;
  private static LoopbackModel brokenSmall;
  private static LoopbackModel frontier;
  private static HttpResponse<String> answer;

  @BeforeAll
  static void escalateOneCall() throws Exception {
    brokenSmall = LoopbackModel.answering("Sure! ```json\n{\"city\": \"Paris\"}\n```");
    frontier = LoopbackModel.answering("{\"city\": \"Paris\"}");
    gateway = GatewayHarness.fromYaml(
        GatewayHarness.cascading(brokenSmall.baseUrl(), frontier.baseUrl()), dir, Map.of());
    answer = HTTP.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-gearbox-session", "escalated")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"model": "auto", "response_format": {"type": "json_object"},
             "messages": [{"role": "user", "content": "Name the capital of France as JSON."}]}
            """)).build(), HttpResponse.BodyHandlers.ofString());
    gateway.app.flushLedger();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    brokenSmall.close();
    frontier.close();
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.uri(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  private static String requestId() {
    return answer.headers().firstValue("x-gearbox-request-id").orElseThrow();
  }

  @Test
  void header_saysTheCallSavedANegativeAmount() {
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("x-gearbox-route").orElseThrow())
        .contains("escalated");
    assertThat(new BigDecimal(answer.headers().firstValue("x-gearbox-saved-usd").orElseThrow()))
        .isEqualByComparingTo(SAVED);
  }

  @Test
  void callEndpoint_andItsAuditRecord_sayTheSame() throws Exception {
    JsonNode call = get("/calls/" + requestId()).path("call");

    assertThat(call.path("saved_usd").asText()).isEqualTo("-0.000015");
    assertThat(call.path("cost_usd").asText()).isEqualTo("0.000515");
    assertThat(call.path("counterfactual_usd").asText()).isEqualTo("0.0005");
  }

  @Test
  void sessionReport_asJsonAndText_saysTheSame() throws Exception {
    JsonNode session = get("/admin/sessions/escalated");

    assertThat(session.at("/totals/saved_usd").asText()).isEqualTo("-0.000015");
    assertThat(session.at("/calls/0/saved_usd").asText()).isEqualTo("-0.000015");
    SessionReport report = SessionReport.of("escalated",
        AuditReader.direct(new DatabaseConfig.Sqlite(dir)).session("escalated")).orElseThrow();
    assertThat(SessionRendering.text(report)).contains("saved $-0.000015");
  }

  @Test
  void ledgerAndUsage_sayTheSame() throws Exception {
    JsonNode usage = get("/admin/usage");
    assertThat(usage.at("/total/saved_usd").asText()).isEqualTo("-0.000015");
    try (Database db = Database.open(new DatabaseConfig.Sqlite(dir))) {
      UsageReport report = new UsageReport(db);
      assertThat(report.entries(UsageWindow.ALL_TIME).getFirst().savedUsd())
          .isEqualByComparingTo(SAVED);
      String table = UsageRendering.table(report.summary(UsageWindow.ALL_TIME,
          List.of(UsageGrouping.SESSION)));
      assertThat(table).contains("-0.000015");
    }
  }
}
