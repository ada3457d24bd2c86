package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.server.RawUpstream.Reply;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.Simulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in front of an upstream that misbehaves the way real servers and the proxies in
 * front of them do, with a healthy simulated model as its fallback: each quirk either still
 * yields the answer or falls back, and never reaches the client as a confusing error.
 * Cooldowns are off: every test sees its own request reach the misbehaving upstream.
 */
class UpstreamQuirksTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String COMPLETION = """
      {"id":"chatcmpl-raw","object":"chat.completion","created":1700000000,"model":"raw",
       "choices":[{"index":0,"message":{"role":"assistant","content":"from the primary"},
       "finish_reason":"stop"}],
       "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""";

  private static RawUpstream primary;
  private static Simulator backup;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    primary = new RawUpstream();
    backup = Simulator.start(SimConfig.defaults().fast(), 0);
    gateway = GatewayHarness.fromYaml("""
        providers:
          - {name: primary, kind: openai-compatible, base_url: %1$s, max_retries: 1,
             attempt_timeout_ms: 3000}
          - {name: primary-once, kind: openai-compatible, base_url: %1$s, max_retries: 0}
          - {name: backup, kind: openai-compatible, base_url: %2$s, max_retries: 0}
        models:
          - {alias: main, provider: primary, upstream_model: raw-model, tier: small,
             fallbacks: [sim-frontier]}
          - {alias: alone, provider: primary, upstream_model: raw-model, tier: small}
          - {alias: once, provider: primary-once, upstream_model: raw-model, tier: small}
          - {alias: sim-frontier, provider: backup, tier: frontier}
        routing:
          default_model: main
          cooldown_ms: 0
        prices:
          raw-model: {input_per_million: "1", output_per_million: "1"}
          sim-frontier: {input_per_million: "1", output_per_million: "1"}
        """.formatted(primary.baseUrl(), backup.baseUri()), dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    backup.close();
    primary.close();
  }

  @BeforeEach
  void clearQueue() {
    primary.clear();
  }

  static HttpResponse<String> chat(String model, boolean stream) throws Exception {
    String body = "{\"model\":\"%s\",\"stream\":%s,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Say hello.\"}]}";
    return HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.formatted(model, stream)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String route(HttpResponse<String> response) {
    return response.headers().firstValue("x-gearbox-route").orElse("");
  }

  private static final String OPENAI_BAD_KEY = """
      {"error":{"message":"Incorrect API key provided: sk-proj-****abcd.",
       "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";

  /**
   * Failures that say the upstream will not serve the gateway at all (its key is refused, its
   * account has no credit or quota left, it does not serve the model) fall back at once: a
   * retry would fail the same way, and another provider is exactly what the fallback is for.
   */
  @Test
  void upstreamRefusingTheGatewayItself_fallsBackWithoutRetrying() throws Exception {
    for (Reply refusal : new Reply[] {
        Reply.json(401, OPENAI_BAD_KEY),
        Reply.json(403, "{\"error\":{\"message\":\"Project does not have access to model\"}}"),
        Reply.json(402, "{\"error\":{\"message\":\"Insufficient credits\",\"code\":402}}"),
        Reply.json(404, "{\"error\":\"model 'raw-model' not found, try pulling it first\"}"),
        Reply.json(429, """
            {"error":{"message":"You exceeded your current quota, please check your plan and \
            billing details.","type":"insufficient_quota","code":"insufficient_quota"}}"""),
        Reply.json(400, """
            {"type":"error","error":{"type":"invalid_request_error","message":"Your credit \
            balance is too low to access the Anthropic API."}}""")}) {
      primary.received().clear();
      primary.next(refusal);

      HttpResponse<String> response = chat("main", false);

      String status = "HTTP " + refusal.status();
      assertThat(response.statusCode()).as(status).isEqualTo(200);
      assertThat(route(response)).as(status).contains("model=sim-frontier").contains("attempts=2");
      assertThat(primary.received()).as(status).hasSize(1);
    }
  }

  @Test
  void upstreamRefusingTheGatewayItself_withoutAFallback_isTheGatewaysFault() throws Exception {
    primary.next(Reply.json(401, OPENAI_BAD_KEY));

    HttpResponse<String> response = chat("alone", false);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("credentials").doesNotContain("abcd");
    assertThat(primary.received()).hasSize(1);
  }

  @Test
  void aRequestTheUpstreamRefusesAsInvalid_stillStops() throws Exception {
    primary.next(Reply.json(400,
        "{\"error\":{\"message\":\"Invalid value for 'temperature': must be <= 2.\"}}"));

    HttpResponse<String> response = chat("main", false);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("temperature");
    assertThat(primary.received()).hasSize(1);
  }

  /** Some servers and proxies ignore {@code stream: true} and send the whole answer as JSON. */
  @Test
  void aWholeJsonAnswerToAStreamRequest_isStreamedToTheClient() throws Exception {
    primary.next(Reply.json(200, COMPLETION));

    HttpResponse<String> response = chat("main", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=main").contains("attempts=1");
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(streamedText(response.body())).isEqualTo("from the primary");
    assertThat(response.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
  }

  @Test
  void aJsonErrorToAStreamRequest_isClassifiedAndFallsBack() throws Exception {
    String overloaded = "{\"error\":{\"message\":\"Server overloaded\",\"type\":\"overloaded\"}}";
    primary.next(Reply.json(200, overloaded));
    primary.next(Reply.json(200, overloaded));

    HttpResponse<String> response = chat("main", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=sim-frontier");
    assertThat(response.body()).contains("data: [DONE]").doesNotContain("\"error\"");
  }

  /** A server or proxy may compress its answer even though the gateway never asked for it. */
  @Test
  void aGzipAnswerNobodyAskedFor_isDecompressed() throws Exception {
    primary.next(Reply.json(200, COMPLETION).withHeader("content-encoding", "gzip")
        .withBody(gzip(COMPLETION)));

    HttpResponse<String> response = chat("main", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=main").contains("attempts=1");
    assertThat(response.body()).contains("from the primary");
  }

  @Test
  void aGzipEventStream_isDecompressed() throws Exception {
    String events = """
        data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"raw",\
        "choices":[{"index":0,"delta":{"role":"assistant","content":"zipped "},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"raw",\
        "choices":[{"index":0,"delta":{"content":"stream"},"finish_reason":"stop"}]}

        data: [DONE]

        """;
    primary.next(Reply.of(200, "text/event-stream", events).withHeader("content-encoding", "gzip")
        .withBody(gzip(events)));

    HttpResponse<String> response = chat("main", true);

    assertThat(route(response)).contains("model=main").contains("attempts=1");
    assertThat(streamedText(response.body())).isEqualTo("zipped stream");
  }

  @Test
  void aGzipErrorBody_isReadForItsMessage() throws Exception {
    String error = "{\"error\":{\"message\":\"Invalid value for 'top_p'.\"}}";
    primary.next(Reply.json(400, error).withHeader("content-encoding", "gzip")
        .withBody(gzip(error)));

    HttpResponse<String> response = chat("main", false);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Invalid value for 'top_p'.");
  }

  @Test
  void anAnswerInAnEncodingTheGatewayCannotRead_fallsBackWithAClearReason() throws Exception {
    primary.next(Reply.json(200, COMPLETION).withHeader("content-encoding", "br")
        .withBody(new byte[] {0x1b, 0x2f, 0x00}));
    primary.next(Reply.json(200, COMPLETION).withHeader("content-encoding", "br")
        .withBody(new byte[] {0x1b, 0x2f, 0x00}));

    HttpResponse<String> response = chat("alone", false);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("encoding").contains("br");
  }

  /**
   * A base URL that reaches something other than the API (a web UI's page, a redirect to https
   * or to another path) is a configuration fault: no retry, a fallback, and a message that says
   * what to check, without the upstream's URL.
   */
  @Test
  void anUpstreamThatIsNotTheApi_fallsBackWithoutRetrying() throws Exception {
    for (Reply notTheApi : new Reply[] {
        Reply.of(200, "text/html; charset=utf-8",
            "<!doctype html><html><head><title>Open WebUI</title></head></html>"),
        Reply.json(301, "").withHeader("location", "https://llm.internal/v1/chat/completions"),
        Reply.json(307, "").withHeader("location", "/v1/chat/completions/")}) {
      primary.clear();
      primary.next(notTheApi);

      HttpResponse<String> response = chat("main", notTheApi.status() == 200);

      String status = "HTTP " + notTheApi.status();
      assertThat(route(response)).as(status).contains("model=sim-frontier").contains("attempts=2");
      assertThat(primary.received()).as(status).hasSize(1);
    }
  }

  @Test
  void anUpstreamThatIsNotTheApi_withoutAFallback_saysToCheckTheBaseUrl() throws Exception {
    primary.next(Reply.json(308, "").withHeader("location", "https://llm.internal/v1/x"));
    primary.next(Reply.of(200, "text/html", "<html><body>Sign in</body></html>"));

    for (HttpResponse<String> response : java.util.List.of(chat("alone", false),
        chat("alone", false))) {
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).contains("base URL").doesNotContain("llm.internal")
          .doesNotContain("Sign in");
    }
    assertThat(primary.received()).hasSize(2);
  }

  /** A client that gives up mid-stream stops the upstream's generation too. */
  @Test
  void aClientLeavingMidStream_closesTheUpstreamStream() throws Exception {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      events.append("""
          data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"raw",\
          "choices":[{"index":0,"delta":{"content":"word "},"finish_reason":null}]}

          """);
    }
    primary.next(Reply.of(200, "text/event-stream", events.toString())
        .slowly(Duration.ofMillis(100)));
    HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"alone\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Count slowly.\"}]}"))
        .build();

    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<java.io.InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = response.body()) {
        body.readNBytes(200);
      }
    }

    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (primary.abandoned() == 0 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(primary.abandoned()).isEqualTo(1);
  }

  /**
   * A 429 whose limit resets long after the request's time budget (here a token limit six
   * minutes out, said only in the reset headers) is not retried in vain: the request falls back,
   * or the client is told how long to wait.
   */
  @Test
  void aRateLimitResettingLater_fallsBackAtOnceOrTellsTheClientWhen() throws Exception {
    Reply limited = Reply.json(429,
            "{\"error\":{\"message\":\"Rate limit reached for tokens per min (TPM)\"}}")
        .withHeader("x-ratelimit-remaining-tokens", "0")
        .withHeader("x-ratelimit-reset-tokens", "6m0s")
        .withHeader("x-ratelimit-remaining-requests", "499")
        .withHeader("x-ratelimit-reset-requests", "120ms");
    primary.next(limited);
    primary.next(limited);

    HttpResponse<String> fellBack = chat("main", false);

    assertThat(route(fellBack)).contains("model=sim-frontier").contains("attempts=2");
    assertThat(primary.received()).hasSize(1);

    HttpResponse<String> alone = chat("alone", false);

    assertThat(alone.statusCode()).isEqualTo(429);
    assertThat(alone.headers().firstValue("retry-after")).hasValue("360");
    assertThat(primary.received()).hasSize(2);
  }

  /** Context-window refusals in the words of servers beyond the common ones fall back too. */
  @Test
  void contextWindowRefusals_inMoreServersWords_fallBackWithoutRetrying() throws Exception {
    for (String said : new String[] {
        // AWS Bedrock (through OpenAI-compatible proxies)
        "{\"message\":\"The model returned the following errors: Input is too long for requested model.\"}",
        // xAI
        "{\"code\":\"Client specified an invalid argument\",\"error\":\"This model's maximum prompt length is 131072 but the request contains 136973 tokens.\"}",
        // LM Studio
        "{\"error\":\"Trying to keep the first 15857 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough.\"}",
        "{\"error\":{\"message\":\"The number of tokens to keep from the initial prompt is greater than the context length. Try to load the model with a larger context length, or provide a shorter input\"}}",
        // llama.cpp based servers
        "{\"error\":{\"message\":\"Cannot truncate prompt with n_keep (15028) >= n_ctx (7424)\"}}"}) {
      primary.clear();
      primary.next(Reply.json(400, said));

      HttpResponse<String> response = chat("main", false);

      assertThat(route(response)).as(said).contains("model=sim-frontier").contains("attempts=2");
      assertThat(primary.received()).as(said).hasSize(1);
    }
  }

  /**
   * An upstream (or a load balancer before it) that dropped an idle keep-alive connection
   * resets it when the next request arrives on it, before answering anything. That request is
   * sent again at once on a new connection: it is no failure of the upstream, not even on a
   * provider allowed no retries.
   */
  @Test
  void aKeepAliveConnectionTheUpstreamDropped_isReplacedWithoutAFailedAttempt() throws Exception {
    primary.next(Reply.json(200, COMPLETION));
    assertThat(chat("once", false).statusCode()).isEqualTo(200);
    int connections = primary.connections();
    primary.next(Reply.reset());
    primary.next(Reply.json(200, COMPLETION));

    HttpResponse<String> response = chat("once", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(route(response)).contains("model=once").contains("attempts=1");
    assertThat(primary.connections() - connections).isEqualTo(1);
  }

  /** The same refusals sent as the body of a 200 answer, as some proxies and resellers do. */
  @Test
  void refusalsOfTheGatewayInA200Body_fallBackWithoutRetrying() throws Exception {
    for (String body : new String[] {
        "{\"error\":{\"message\":\"Insufficient credits. Add more using the dashboard\",\"code\":402}}",
        "{\"error\":{\"message\":\"No auth credentials found\",\"code\":401}}",
        "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"Your credit balance is too low.\"}}"}) {
      primary.clear();
      primary.next(Reply.json(200, body));
      primary.next(Reply.json(200, body));

      HttpResponse<String> response = chat("main", false);

      assertThat(route(response)).as(body).contains("model=sim-frontier").contains("attempts=2");
      assertThat(primary.received()).as(body).hasSize(1);
    }
  }

  static String streamedText(String sse) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        var delta = dev.gearbox.wire.Json.MAPPER.readTree(line.substring(6))
            .path("choices").path(0).path("delta").path("content");
        if (delta.isTextual()) {
          text.append(delta.asText());
        }
      }
    }
    return text.toString();
  }

  static byte[] gzip(String text) throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
