package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ledger records for calls whose spend other gateways were reported to lose or misstate,
 * each through the real endpoint with an upstream sending exactly the bytes of the case.
 */
class SpendThroughGatewayTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ScriptedUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = new ScriptedUpstream();
    gateway = GatewayHarness.fromYaml("""
        providers:
          - {name: compat, kind: openai-compatible, base_url: %s, max_retries: 0}
          - {name: messages, kind: anthropic, base_url: %s, max_retries: 0}
        models:
          - {alias: compat, provider: compat, tier: small}
          - {alias: messages, provider: messages, tier: small}
        prices:
          compat: {input_per_million: "1", output_per_million: "2",
                   cached_input_per_million: "0.1", cache_write_per_million: "1.25"}
          messages: {input_per_million: "1", output_per_million: "2"}
        keys:
          - {id: open, key_env: OPEN_KEY, tenant: acme}
          - id: capped
            key_env: CAPPED_KEY
            tenant: globex
            budgets: [{period: day, usd: "0.005", enforcement: hard}]
        """.formatted(upstream.baseUrl(), upstream.baseUrl()), dataDir,
        Map.of("OPEN_KEY", "gbx-open", "CAPPED_KEY", "gbx-capped"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return post("gbx-open", path, body);
  }

  private static HttpResponse<String> post(String key, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(gateway.uri(path))
            .header("content-type", "application/json")
            .header("authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The ledger row of a request, column by column. */
  private static Map<String, String> ledgerRow(HttpResponse<String> response) throws Exception {
    gateway.app.flushLedger();
    String id = response.headers().firstValue("x-gearbox-request-id").orElseThrow();
    try (Database database = Database.open(new DatabaseConfig.Sqlite(dataDir));
        Connection c = database.dataSource().getConnection();
        PreparedStatement select = c.prepareStatement("SELECT input_tokens, output_tokens,"
            + " cached_input_tokens, cache_write_tokens, usage_source, cost_picousd, http_status, cache_status"
            + " FROM ledger WHERE request_id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("ledger row for " + id).isTrue();
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
          columns.put(row.getMetaData().getColumnName(i), row.getString(i));
        }
        return columns;
      }
    }
  }

  private static String openAiChunk(String text) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
        + "\"},\"finish_reason\":null}]}\n\n";
  }

  @Test
  void aStreamCutBeforeItsUsageReport_isBilledForThePromptAndWhatWasGenerated()
      throws Exception {
    upstream.next(openAiChunk("The lighthouse keeper ") + openAiChunk("climbed the stairs ")
        + openAiChunk("every evening at dusk, "));

    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"compat","stream":true,
         "messages":[{"role":"user","content":"Write a long story about a lighthouse."}]}""");

    Map<String, String> row = ledgerRow(response);
    assertThat(row.get("http_status")).isEqualTo("502");
    assertThat(Long.parseLong(row.get("input_tokens"))).isPositive();
    assertThat(Long.parseLong(row.get("output_tokens"))).isGreaterThanOrEqualTo(9);
    assertThat(row.get("usage_source")).isEqualTo("COUNTED");
    assertThat(Long.parseLong(row.get("cost_picousd"))).isPositive();
  }

  @Test
  void anAnthropicStreamCutAfterMessageStart_keepsTheReportedPrompt_andCountsTheOutput()
      throws Exception {
    upstream.next("""
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[],"stop_reason":null,"usage":{"input_tokens":25,"cache_read_input_tokens":400,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"The lighthouse keeper climbed the stairs every evening at dusk, "}}

        """);

    HttpResponse<String> response = post("/v1/messages", """
        {"model":"messages","max_tokens":2000,"stream":true,
         "messages":[{"role":"user","content":"Write a long story about a lighthouse."}]}""");

    Map<String, String> row = ledgerRow(response);
    assertThat(row.get("input_tokens")).isEqualTo("425");
    assertThat(row.get("cached_input_tokens")).isEqualTo("400");
    assertThat(Long.parseLong(row.get("output_tokens"))).isGreaterThanOrEqualTo(9);
    assertThat(Long.parseLong(row.get("cost_picousd"))).isGreaterThan(25 * 1_000_000L);
  }

  private static String completion(int choices) {
    StringBuilder json = new StringBuilder("{\"id\":\"c2\",\"object\":\"chat.completion\","
        + "\"created\":1,\"model\":\"m\",\"choices\":[");
    for (int i = 0; i < choices; i++) {
      json.append(i == 0 ? "" : ",").append("{\"index\":").append(i)
          .append(",\"message\":{\"role\":\"assistant\",\"content\":\"Answer ").append(i)
          .append("\"},\"finish_reason\":\"stop\"}");
    }
    return json.append("],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":")
        .append(5 * choices).append(",\"total_tokens\":").append(20 + 5 * choices)
        .append("}}").toString();
  }

  @Test
  void theBudgetHold_coversEveryChoiceAskedFor() throws Exception {
    String request = """
        {"model":"compat","max_tokens":1000,"n":%d,
         "messages":[{"role":"user","content":"Suggest a name for a boat."}]}""";
    upstream.next(completion(1));
    HttpResponse<String> one = post("gbx-capped", "/v1/chat/completions", request.formatted(1));
    int callsBefore = upstream.received();
    HttpResponse<String> four = post("gbx-capped", "/v1/chat/completions", request.formatted(4));

    assertThat(one.statusCode()).as("one choice: up to $0.00204 held of $0.005").isEqualTo(200);
    assertThat(four.statusCode()).as("four choices: up to 4 x 1000 output tokens").isEqualTo(402);
    assertThat(four.body()).contains("budget_exceeded");
    assertThat(upstream.received()).isEqualTo(callsBefore);
  }

  private static String answerWithUsage(String usage) {
    return "{\"id\":\"c3\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
        + "\"Done.\"},\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}";
  }

  private static Map<String, String> rowOfAnswerWith(String usage, String question)
      throws Exception {
    upstream.next(answerWithUsage(usage));
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"compat","messages":[{"role":"user","content":"%s"}]}""".formatted(question));
    assertThat(response.statusCode()).isEqualTo(200);
    return ledgerRow(response);
  }

  @Test
  void promptCacheTokens_inEachOpenAiCompatibleServersShape_areBilledAtTheirOwnPrices()
      throws Exception {
    // DeepSeek: prompt_tokens = prompt_cache_hit_tokens + prompt_cache_miss_tokens
    Map<String, String> deepSeek = rowOfAnswerWith("""
        {"prompt_tokens":1000,"completion_tokens":10,"total_tokens":1010,
         "prompt_cache_hit_tokens":900,"prompt_cache_miss_tokens":100}""", "Cache one?");
    // OpenAI (newer models) and OpenRouter: writes beside reads in prompt_tokens_details
    Map<String, String> nested = rowOfAnswerWith("""
        {"prompt_tokens":1000,"completion_tokens":10,"total_tokens":1010,
         "prompt_tokens_details":{"cached_tokens":0,"cache_write_tokens":800}}""",
        "Cache two?");
    // proxies passing Anthropic's fields through at the top level
    Map<String, String> flat = rowOfAnswerWith("""
        {"prompt_tokens":1000,"completion_tokens":10,"total_tokens":1010,
         "cache_read_input_tokens":600,"cache_creation_input_tokens":300}""", "Cache three?");

    assertThat(deepSeek.get("cached_input_tokens")).isEqualTo("900");
    // 100 x $1 + 900 x $0.10 + 10 x $2 per million = $0.00021
    assertThat(deepSeek.get("cost_picousd")).isEqualTo("210000000");
    assertThat(nested.get("cache_write_tokens")).isEqualTo("800");
    // 200 x $1 + 800 x $1.25 + 10 x $2 per million = $0.00122
    assertThat(nested.get("cost_picousd")).isEqualTo("1220000000");
    assertThat(flat.get("cached_input_tokens")).isEqualTo("600");
    assertThat(flat.get("cache_write_tokens")).isEqualTo("300");
    assertThat(flat.get("input_tokens")).isEqualTo("1000");
  }
}
