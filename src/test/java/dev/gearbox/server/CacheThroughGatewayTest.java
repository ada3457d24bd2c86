package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.sim.Fault;
import dev.gearbox.sim.FaultRule;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.SimModel;
import dev.gearbox.sim.Simulator;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response cache through the real gateway and a simulated upstream: hit and miss headers,
 * ledger rows, streamed replay, tenant isolation, and no caching of errors or broken streams.
 */
class CacheThroughGatewayTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Simulator sim;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimConfig.defaults().fast()
        .with(faulty("fails-once", 2, "http_500"))
        .with(faulty("drops-once", 1, "drop_mid_stream;after=3"))
        .with(faulty("breaks-once", 1, "error_in_stream;after=3"))
        .with(faulty("always-fails", 1_000_000, "http_500")), 0);
    gateway = GatewayHarness.fromYaml("""
        providers:
          - {name: sim, kind: openai-compatible, base_url: %s, max_retries: 1}
        models:
          - {alias: sim-frontier, provider: sim, tier: frontier}
          - {alias: sim-small, provider: sim, tier: small}
          - {alias: fails-once, provider: sim, tier: small}
          - {alias: drops-once, provider: sim, tier: small}
          - {alias: breaks-once, provider: sim, tier: small}
          - {alias: always-fails, provider: sim, tier: small}
        prices:
          fails-once: {input_per_million: "0.5", output_per_million: "1.5"}
          drops-once: {input_per_million: "0.5", output_per_million: "1.5"}
          breaks-once: {input_per_million: "0.5", output_per_million: "1.5"}
          always-fails: {input_per_million: "0.5", output_per_million: "1.5"}
        baseline_model: sim-frontier
        keys:
          - {id: acme-key, key_env: ACME_KEY, tenant: acme}
          - {id: globex-key, key_env: GLOBEX_KEY, tenant: globex}
        cache:
          ttl: 1h
          max_entries: 1000
          semantic: {max_false_hit_rate: 0.01, temperature_policy: any}
        """.formatted(sim.baseUri()), dataDir,
        Map.of("ACME_KEY", "gbx-acme", "GLOBEX_KEY", "gbx-globex"));
  }

  private static SimModel faulty(String name, int count, String fault) {
    return SimModel.of(name, "Mixtral-8x7B-Instruct").withLatency(0, 0)
        .withFaults(List.of(FaultRule.first(count, Fault.parse(fault, 1))));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  private static String body(String model, String question, boolean stream) {
    return Json.MAPPER.createObjectNode()
        .put("model", model)
        .put("stream", stream)
        .set("messages", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode()
            .put("role", "user").put("content", question)))
        .toString();
  }

  private static HttpResponse<String> send(String key, String body, String... headers)
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

  private static HttpResponse<String> ask(String question, String... headers) throws Exception {
    return send("gbx-acme", body("sim-frontier", question, false), headers);
  }

  private static HttpResponse<String> askStreamed(String model, String question)
      throws Exception {
    return send("gbx-acme", body(model, question, true));
  }

  private static String cache(HttpResponse<String> response) {
    return response.headers().firstValue("x-gearbox-cache").orElse("");
  }

  private static String text(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body()).path("choices").path(0).path("message")
        .path("content").asText();
  }

  /** The content of an OpenAI SSE stream, or null when it ended in an error event. */
  private static String streamedText(HttpResponse<String> response) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String line : response.body().split("\n")) {
      if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
        continue;
      }
      JsonNode chunk = Json.MAPPER.readTree(line.substring(6));
      if (chunk.has("error")) {
        return null;
      }
      chunk.path("choices").forEach(c -> text.append(c.path("delta").path("content").asText()));
    }
    return response.body().contains("data: [DONE]") ? text.toString() : null;
  }

  private static long upstreamCalls() {
    return sim.received().size();
  }

  /** The ledger row of a request: cache_status, cost and counterfactual in picodollars. */
  private static List<String> ledgerRow(HttpResponse<String> response) throws Exception {
    gateway.app.flushLedger();
    String id = response.headers().firstValue("x-gearbox-request-id").orElseThrow();
    try (Database database = Database.open(new DatabaseConfig.Sqlite(dataDir));
        Connection c = database.dataSource().getConnection();
        PreparedStatement select = c.prepareStatement("SELECT cache_status, cost_picousd,"
            + " counterfactual_picousd, http_status FROM ledger WHERE request_id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("ledger row for " + id).isTrue();
        return List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
      }
    }
  }

  /** How many audit records the request has. */
  private static long auditRecords(HttpResponse<String> response) throws Exception {
    String id = response.headers().firstValue("x-gearbox-request-id").orElseThrow();
    try (Database database = Database.open(new DatabaseConfig.Sqlite(dataDir));
        Connection c = database.dataSource().getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT COUNT(*) FROM audit_log WHERE request_id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  @Test
  void aRepeatedRequest_isAnExactHit_thatCostsNothingAndSavesItsCounterfactual()
      throws Exception {
    HttpResponse<String> first = ask("Name three uses of a paperclip.");
    long callsAfterFirst = upstreamCalls();
    HttpResponse<String> second = ask("Name three uses of a paperclip.");

    assertThat(cache(first)).isEqualTo("miss");
    assertThat(cache(second)).isEqualTo("hit-exact");
    assertThat(upstreamCalls()).isEqualTo(callsAfterFirst);
    assertThat(text(second)).isEqualTo(text(first));
    assertThat(new BigDecimal(second.headers().firstValue("x-gearbox-cost-usd").get())).isZero();
    assertThat(new BigDecimal(second.headers().firstValue("x-gearbox-saved-usd").get()))
        .isPositive();
    List<String> row = ledgerRow(second);
    assertThat(row.get(0)).isEqualTo("EXACT_HIT");
    assertThat(row.get(1)).isEqualTo("0");
    assertThat(Long.parseLong(row.get(2))).isPositive();
    assertThat(ledgerRow(first).get(0)).isEqualTo("MISS");
    assertThat(auditRecords(second)).isEqualTo(1);
  }

  @Test
  void aRestrictedRequest_isNeverServedAPublicAnswer() throws Exception {
    ask("Summarise our refund policy.");
    HttpResponse<String> restricted = ask("Summarise our refund policy.",
        "x-gearbox-data-label", "restricted");
    HttpResponse<String> restrictedAgain = ask("Summarise our refund policy.",
        "x-gearbox-data-label", "restricted");

    assertThat(cache(restricted)).isEqualTo("miss");
    assertThat(cache(restrictedAgain)).isEqualTo("hit-exact");
  }

  @Test
  void aCachedAnswer_isReplayedAsAProperStream() throws Exception {
    HttpResponse<String> plain = ask("Explain what a mutex is in one sentence.");
    HttpResponse<String> streamed =
        askStreamed("sim-frontier", "Explain what a mutex is in one sentence.");

    assertThat(cache(streamed)).isEqualTo("hit-exact");
    assertThat(streamed.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(streamedText(streamed)).isEqualTo(text(plain));
    assertThat(ledgerRow(streamed).get(0)).isEqualTo("EXACT_HIT");
  }

  @Test
  void anAnswerCachedForAnOpenAiClient_isReplayedToAnAnthropicStream() throws Exception {
    String question = "Give one tip for writing clear commit messages.";
    HttpResponse<String> openAi = send("gbx-acme", "{\"model\":\"sim-frontier\",\"max_tokens\":300,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}");
    HttpResponse<String> anthropic = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/v1/messages"))
            .header("content-type", "application/json")
            .header("x-api-key", "gbx-acme")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-frontier\","
                + "\"max_tokens\":300,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + question + "\"}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(cache(openAi)).isEqualTo("miss");
    assertThat(cache(anthropic)).isEqualTo("hit-exact");
    StringBuilder text = new StringBuilder();
    for (String line : anthropic.body().split("\n")) {
      if (line.startsWith("data: ")) {
        JsonNode event = Json.MAPPER.readTree(line.substring(6));
        text.append(event.path("delta").path("text").asText());
      }
    }
    assertThat(anthropic.body()).contains("event: message_stop");
    assertThat(text.toString()).isEqualTo(text(openAi));
  }

  @Test
  void aStreamedAnswer_isStoredWhole_andServedAsJsonToAPlainClient() throws Exception {
    HttpResponse<String> streamed = askStreamed("sim-frontier", "Write a haiku about caches.");
    HttpResponse<String> plain = ask("Write a haiku about caches.");

    assertThat(cache(streamed)).isEqualTo("miss");
    assertThat(cache(plain)).isEqualTo("hit-exact");
    assertThat(text(plain)).isEqualTo(streamedText(streamed));
  }

  @Test
  void anotherTenant_neverReceivesTheEntry() throws Exception {
    ask("What is the airspeed of an unladen swallow?");
    HttpResponse<String> other = send("gbx-globex",
        body("sim-frontier", "What is the airspeed of an unladen swallow?", false));

    assertThat(cache(other)).isEqualTo("miss");
  }

  @Test
  void anUpstreamError_isNotCached() throws Exception {
    HttpResponse<String> failed = send("gbx-acme", body("fails-once", "Say hello.", false));
    HttpResponse<String> served = send("gbx-acme", body("fails-once", "Say hello.", false));
    HttpResponse<String> again = send("gbx-acme", body("fails-once", "Say hello.", false));

    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(cache(served)).isEqualTo("miss");
    assertThat(cache(again)).isEqualTo("hit-exact");
  }

  @Test
  void aStreamThatBrokeOrWasCut_isNotCached() throws Exception {
    for (String model : List.of("drops-once", "breaks-once")) {
      HttpResponse<String> broken = askStreamed(model, "Count from one to twenty.");
      HttpResponse<String> whole = askStreamed(model, "Count from one to twenty.");
      HttpResponse<String> replayed = askStreamed(model, "Count from one to twenty.");

      assertThat(streamedText(broken)).as(model + " first stream breaks").isNull();
      assertThat(cache(whole)).as(model).isEqualTo("miss");
      assertThat(streamedText(whole)).isNotNull();
      assertThat(cache(replayed)).as(model).isEqualTo("hit-exact");
      assertThat(streamedText(replayed)).isEqualTo(streamedText(whole));
    }
  }

  @Test
  void anAnswerCutAtMaxTokens_isNotCached() throws Exception {
    String cut = "{\"model\":\"sim-frontier\",\"max_tokens\":3,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Describe the history of Rome in detail.\"}]}";
    HttpResponse<String> first = send("gbx-acme", cut);
    HttpResponse<String> second = send("gbx-acme", cut);

    assertThat(Json.MAPPER.readTree(first.body()).path("choices").path(0)
        .path("finish_reason").asText()).isEqualTo("length");
    assertThat(cache(second)).isEqualTo("miss");
  }

  @Test
  void cacheOnly_answersAMissWith404_andServesAHit() throws Exception {
    HttpResponse<String> miss = ask("What rhymes with orange?", "x-gearbox-cache", "only");
    ask("What rhymes with purple?");
    HttpResponse<String> hit = ask("What rhymes with purple?", "x-gearbox-cache", "only");

    assertThat(miss.statusCode()).isEqualTo(404);
    assertThat(miss.body()).contains("x-gearbox-cache: only");
    assertThat(ledgerRow(miss)).containsExactly("MISS", "0", "0", "404");
    assertThat(cache(hit)).isEqualTo("hit-exact");
  }

  @Test
  void everyErrorAfterTheLookup_saysWhatTheCacheDid() throws Exception {
    HttpResponse<String> onlyMiss = ask("What rhymes with silver?", "x-gearbox-cache", "only");
    HttpResponse<String> failedMiss = send("gbx-acme", body("always-fails", "Say hi.", false));
    HttpResponse<String> failedStream = send("gbx-acme", body("always-fails", "Say hi.", true));
    HttpResponse<String> failedBypass =
        send("gbx-acme", body("always-fails", "Say hi.", false), "x-gearbox-cache", "off");
    HttpResponse<String> unknownModel = send("gbx-acme", body("no-such-model", "Hi", false));
    HttpResponse<String> badDirective = ask("Hi there", "x-gearbox-cache", "sometimes");

    assertThat(onlyMiss.statusCode()).isEqualTo(404);
    assertThat(cache(onlyMiss)).isEqualTo("miss");
    assertThat(failedMiss.statusCode()).isEqualTo(502);
    assertThat(cache(failedMiss)).isEqualTo("miss");
    assertThat(failedStream.statusCode()).isEqualTo(502);
    assertThat(cache(failedStream)).isEqualTo("miss");
    assertThat(cache(failedBypass)).isEqualTo("bypass");
    assertThat(unknownModel.statusCode()).isEqualTo(404);
    assertThat(cache(unknownModel)).isEqualTo("miss");
    assertThat(badDirective.headers().firstValue("x-gearbox-cache")).as("never consulted")
        .isEmpty();
  }

  @Test
  void cacheOff_bypassesAndStoresNothing_refreshReplaces() throws Exception {
    HttpResponse<String> off = ask("Suggest a name for a cat.", "x-gearbox-cache", "off");
    HttpResponse<String> after = ask("Suggest a name for a cat.", "x-gearbox-cache", "only");
    HttpResponse<String> refresh = ask("Suggest a name for a cat.", "x-gearbox-cache", "refresh");
    HttpResponse<String> hit = ask("Suggest a name for a cat.");

    assertThat(cache(off)).isEqualTo("bypass");
    assertThat(ledgerRow(off).get(0)).isEqualTo("BYPASS");
    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(cache(refresh)).isEqualTo("bypass");
    assertThat(cache(hit)).isEqualTo("hit-exact");
    assertThat(text(hit)).isEqualTo(text(refresh));
  }

  @Test
  void anUnknownCacheDirective_isRefused() throws Exception {
    HttpResponse<String> response = ask("Hi there", "x-gearbox-cache", "sometimes");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("off, refresh or only");
  }

  @Test
  void aParaphrase_isASemanticHit_andANumberChange_isNot() throws Exception {
    ask("What is the capital of France?");
    HttpResponse<String> paraphrase = ask("What's the capital of France?");
    ask("How much does a 3 bedroom apartment cost in Boston?");
    HttpResponse<String> otherNumber = ask("How much does a 4 bedroom apartment cost in Boston?");

    assertThat(cache(paraphrase)).isEqualTo("hit-semantic");
    assertThat(paraphrase.headers().firstValue("x-gearbox-route").orElse(""))
        .contains("semantic cache hit (cosine");
    assertThat(ledgerRow(paraphrase).get(0)).isEqualTo("SEMANTIC_HIT");
    assertThat(cache(otherNumber)).isEqualTo("miss");

    String metrics = HTTP.send(HttpRequest.newBuilder(gateway.uri("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics)
        .contains("gearbox_cache_lookups_total{kind=\"semantic\",result=\"hit\"}")
        .contains("gearbox_cache_lookups_total{kind=\"semantic\",result=\"refused_numbers\"}");
  }

  @Test
  void entries_surviveARestartOfTheGateway() throws Exception {
    ask("Which planet has the most moons?");
    gateway.app.flushCache();
    GatewayHarness restarted = GatewayHarness.fromYaml("""
        providers:
          - {name: sim, kind: openai-compatible, base_url: %s}
        models:
          - {alias: sim-frontier, provider: sim, tier: frontier}
        keys:
          - {id: acme-key, key_env: ACME_KEY, tenant: acme}
        cache: {ttl: 1h}
        """.formatted(sim.baseUri()), dataDir, Map.of("ACME_KEY", "gbx-acme"));
    try (restarted) {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(restarted.uri("/v1/chat/completions"))
              .header("content-type", "application/json")
              .header("authorization", "Bearer gbx-acme")
              .POST(HttpRequest.BodyPublishers.ofString(
                  body("sim-frontier", "Which planet has the most moons?", false)))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(cache(response)).isEqualTo("hit-exact");
    }
  }
}
