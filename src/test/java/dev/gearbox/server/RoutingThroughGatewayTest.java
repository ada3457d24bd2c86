package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.gateway.CallContext;
import dev.gearbox.gateway.StreamingCall;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing end to end over loopback HTTP: the embedded default's learned router and tier pins,
 * and the cascade escalating a small model's broken JSON to the frontier.
 */
class RoutingThroughGatewayTest {
  @TempDir static Path defaultDir;
  @TempDir static Path cascadeDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayHarness embedded;
  private static GatewayHarness cascading;
  private static LoopbackModel brokenSmall;
  private static LoopbackModel frontier;

  @BeforeAll
  static void start() {
    embedded = GatewayHarness.embeddedDefault(defaultDir);
    brokenSmall = LoopbackModel.answering("Sure! ```json\n{\"city\": \"Paris\"}\n```");
    frontier = LoopbackModel.answering("{\"city\": \"Paris\"}");
    cascading = GatewayHarness.fromYaml(
        GatewayHarness.cascading(brokenSmall.baseUrl(), frontier.baseUrl()), cascadeDir, Map.of());
  }

  @AfterAll
  static void stop() {
    embedded.close();
    cascading.close();
    brokenSmall.close();
    frontier.close();
  }

  private static HttpResponse<String> post(GatewayHarness gateway, String body,
      String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String route(HttpResponse<String> response) {
    return response.headers().firstValue("x-gearbox-route").orElse("");
  }

  private static String ask(String model, String text, boolean json, boolean stream) {
    return "{\"model\": \"%s\", \"stream\": %s, %s\"messages\": [{\"role\": \"user\","
        .formatted(model, stream, json ? "\"response_format\": {\"type\": \"json_object\"}, "
            : "")
        + " \"content\": \"" + text + "\"}]}";
  }

  @Test
  void embeddedDefault_auto_isScoredByTheBundledRouter() throws Exception {
    HttpResponse<String> response = post(embedded, ask("auto",
        "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips"
            + " in May. How many clips did Natalia sell altogether in April and May?", false,
        false));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).matches(".*reason=classifier.*; score=0\\.\\d{3};"
        + " threshold=0\\.\\d{3}.*");
    String metrics = HTTP.send(HttpRequest.newBuilder(embedded.uri("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("gearbox_routes_total{by=\"classifier");
  }

  @Test
  void tierHeader_pinsTheTier_withoutTheClassifier() throws Exception {
    HttpResponse<String> response = post(embedded, ask("auto", "Write a haiku about invoices.",
        false, false), "x-gearbox-tier", "frontier");
    assertThat(response.headers().firstValue("x-gearbox-model")).contains("sim-frontier");
    assertThat(route(response)).contains("reason=pinned-by-header").doesNotContain("score=");
  }

  @Test
  void badTierHeader_isA400() throws Exception {
    HttpResponse<String> response = post(embedded, ask("auto", "Hi", false, false),
        "x-gearbox-tier", "huge");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("x-gearbox-tier");
  }

  @Test
  void smallAnswerWithBrokenJson_escalates_andTheClientGetsTheFrontiersAnswer()
      throws Exception {
    int frontierCallsBefore = frontier.calls();
    HttpResponse<String> response = post(cascading,
        ask("auto", "Which city is the capital of France? Answer in JSON.", true, false));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Paris").doesNotContain("Sure!");
    assertThat(response.headers().firstValue("x-gearbox-model")).contains("frontier");
    assertThat(route(response)).contains("reason=classifier-unsure")
        .contains("escalated=invalid_json").contains("attempts=2");
    assertThat(frontier.calls()).isEqualTo(frontierCallsBefore + 1);

    cascading.app.flushLedger();
    assertThat(ledgerReasons(cascadeDir)).anyMatch(r -> r.contains("escalated=invalid_json"));
    String metrics = HTTP.send(HttpRequest.newBuilder(cascading.uri("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("gearbox_escalations_total{reason=\"invalid_json\"}");
  }

  @Test
  void escalatedCall_costsTheSmallCallToo() throws Exception {
    HttpResponse<String> response = post(cascading,
        ask("auto", "Name the capital of France as JSON.", true, false));
    // frontier: 20 in x $10/M + 10 out x $30/M = $0.0005; small: 30 x $0.5/M = $0.000015.
    assertThat(response.headers().firstValue("x-gearbox-cost-usd").orElseThrow())
        .startsWith("0.000515");
  }

  private static double metric(GatewayHarness gateway, String series) throws Exception {
    String metrics = HTTP.send(HttpRequest.newBuilder(gateway.uri("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElse(0.0);
  }

  @Test
  void escalatedCall_countsTheDiscardedSmallCallsTokensInTheMetrics() throws Exception {
    String smallInput = "gearbox_tokens_total{kind=\"input\",model=\"small\"}";
    String smallOutput = "gearbox_tokens_total{kind=\"output\",model=\"small\"}";
    String smallCalls = "gearbox_upstream_duration_seconds_count{model=\"small\"}";
    double inputBefore = metric(cascading, smallInput);
    double outputBefore = metric(cascading, smallOutput);
    double callsBefore = metric(cascading, smallCalls);

    HttpResponse<String> response = post(cascading,
        ask("auto", "Give the capital of Italy as JSON.", true, false));

    assertThat(route(response)).contains("escalated=invalid_json");
    assertThat(metric(cascading, smallInput)).isGreaterThan(inputBefore);
    assertThat(metric(cascading, smallOutput)).isGreaterThan(outputBefore);
    assertThat(metric(cascading, smallCalls)).isEqualTo(callsBefore + 1);
  }

  @Test
  void streamedRequestInTheBand_isValidatedBeforeTheFirstEvent() throws Exception {
    ChatRequest request = new ChatRequest("auto",
        List.of(Message.text(Role.USER, "Capital of France, as JSON please.")), List.of(),
        Optional.empty(), Optional.of(new ResponseFormat.JsonObject()), Sampling.DEFAULT, true,
        true);
    CallContext context = new CallContext("req-stream", Instant.now(), "anonymous", "default",
        Optional.empty(), Optional.empty());
    StringBuilder text = new StringBuilder();
    try (StreamingCall call = cascading.app.gateway().stream(context, request)) {
      assertThat(call.decision().escalations()).containsExactly("invalid_json");
      assertThat(call.decision().servedModel()).isEqualTo("frontier");
      Optional<StreamEvent> event;
      while ((event = call.next()).isPresent()) {
        if (event.get() instanceof StreamEvent.TextDelta delta) {
          text.append(delta.text());
        }
      }
    }
    assertThat(text.toString()).isEqualTo("{\"city\": \"Paris\"}");
  }

  @Test
  void explicitSmallModel_isServedAsAsked_withoutValidation() throws Exception {
    HttpResponse<String> response = post(cascading,
        ask("small", "Capital of France as JSON.", true, false));
    assertThat(response.body()).contains("Sure!");
    assertThat(route(response)).contains("reason=explicit").doesNotContain("escalated");
  }

  private static List<String> ledgerReasons(Path dir) throws Exception {
    List<String> reasons = new ArrayList<>();
    try (Database db = Database.open(new DatabaseConfig.Sqlite(dir));
        Connection c = db.dataSource().getConnection();
        ResultSet rows = c.createStatement().executeQuery("SELECT route_reason FROM ledger")) {
      while (rows.next()) {
        reasons.add(rows.getString(1));
      }
    }
    return reasons;
  }
}
