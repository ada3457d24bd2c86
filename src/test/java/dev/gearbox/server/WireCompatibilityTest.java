package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.models.ModelInfo;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.gearbox.sim.Fault;
import dev.gearbox.sim.FaultRule;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.SimModel;
import dev.gearbox.sim.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that users of other LLM gateways reported against those gateways, each checked here
 * over real HTTP against a gateway in front of the simulator, one test per kind of fault.
 */
class WireCompatibilityTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Simulator sim;
  private static LoopbackModel capture;
  private static GatewayHarness gateway;
  private static AnthropicClient anthropicSdk;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimConfig.defaults().fast()
        .with(faulty("limited", "rate_limit;retry_after=7"))
        .with(faulty("overloaded", "http_503")), 0);
    capture = LoopbackModel.answering("Done.");
    gateway = GatewayHarness.fromYaml("""
        server:
          max_body_bytes: 65536
          cors_origins: ["https://app.example.com"]
        providers:
          - name: sim
            kind: openai-compatible
            base_url: %s
            max_retries: 0
          - name: sim-messages
            kind: anthropic
            base_url: %s
            max_retries: 0
          - {name: capture, kind: openai-compatible, base_url: %s, max_retries: 0}
          - {name: capture-messages, kind: anthropic, base_url: %s, max_retries: 0}
        models:
          - {alias: sim-small, provider: sim, tier: small}
          - {alias: sim-frontier, provider: sim, tier: frontier}
          - {alias: via-messages, provider: sim-messages, upstream_model: sim-small, tier: small}
          - {alias: limited, provider: sim, tier: small}
          - {alias: overloaded, provider: sim, tier: small}
          - {alias: captured, provider: capture, tier: small}
          - {alias: captured-messages, provider: capture-messages, tier: small}
        prices:
          limited: {gpu_usd_per_hour: "2.00", tokens_per_second: "500"}
          overloaded: {gpu_usd_per_hour: "2.00", tokens_per_second: "500"}
          captured: {input_per_million: "1", output_per_million: "1"}
          captured-messages: {input_per_million: "1", output_per_million: "1"}
        """.formatted(sim.baseUri(), sim.baseUri(), capture.baseUrl(), capture.baseUrl()),
        dataDir, Map.of());
    anthropicSdk = AnthropicOkHttpClient.builder()
        .baseUrl(gateway.root()).apiKey("unused-on-loopback").maxRetries(0).build();
  }

  private static SimModel faulty(String name, String fault) {
    return SimModel.of(name, "Mixtral-8x7B-Instruct").withLatency(0, 0)
        .withFaults(List.of(FaultRule.first(100_000, Fault.parse(fault, 1))));
  }

  @AfterAll
  static void stop() {
    anthropicSdk.close();
    gateway.close();
    capture.close();
    sim.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(gateway.uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> postEncoded(String path, String encoding, byte[] body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(gateway.uri(path))
            .header("content-type", "application/json")
            .header("content-encoding", encoding)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream zip = new DeflaterOutputStream(out)) {
      zip.write(body);
    }
    return out.toByteArray();
  }

  /** Sends raw bytes, for requests that no HTTP client library would form. */
  private static String rawExchange(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.app.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<String> openAi(String model) throws Exception {
    return post("/v1/chat/completions", """
        {"model":"%s","messages":[{"role":"user","content":"Say hello."}]}""".formatted(model));
  }

  private static HttpResponse<String> anthropic(String model) throws Exception {
    return post("/v1/messages", """
        {"model":"%s","max_tokens":64,"messages":[{"role":"user","content":"Say hello."}]}"""
        .formatted(model));
  }

  // ---- upstream refusals reach the client as the provider would send them -----------------

  @Test
  void upstreamRateLimit_passesItsRetryAfterOnToTheClient_inBothApis() throws Exception {
    for (HttpResponse<String> response : List.of(openAi("limited"), anthropic("limited"))) {
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    }
    assertThat(openAi("limited").body()).contains("\"type\":\"rate_limit_error\"");
    assertThat(anthropic("limited").body()).contains("\"type\":\"rate_limit_error\"");
  }

  @Test
  void overloadedUpstream_is503ForOpenAiClients_and529OverloadedForAnthropicClients()
      throws Exception {
    HttpResponse<String> openAi = openAi("overloaded");
    HttpResponse<String> anthropic = anthropic("overloaded");

    assertThat(openAi.statusCode()).isEqualTo(503);
    assertThat(openAi.body()).contains("\"type\":\"api_error\"");
    assertThat(anthropic.statusCode()).isEqualTo(529);
    assertThat(anthropic.body()).startsWith("{\"type\":\"error\"")
        .contains("\"type\":\"overloaded_error\"");
  }

  // ---- Anthropic clients replay thinking blocks of earlier turns ---------------------------

  /** An agent loop's second call: the assistant turn as the model gave it, then the result. */
  private static MessageCreateParams afterThinkingToolTurn(String model) {
    Tool weather = Tool.builder()
        .name("weather")
        .inputSchema(Tool.InputSchema.builder()
            .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .build())
        .build();
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(256)
        .addTool(weather)
        .addUserMessage("What is the weather in Paris?")
        .addAssistantMessageOfContentBlockParams(List.of(
            ContentBlockParam.ofThinking(ThinkingBlockParam.builder()
                .thinking("The user wants the weather; call the tool.")
                .signature("c2lnbmF0dXJl").build()),
            ContentBlockParam.ofRedactedThinking("ZW5jcnlwdGVk"),
            ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                .id("toolu_01").name("weather")
                .input(JsonValue.from(Map.of("city", "Paris"))).build())))
        .addUserMessageOfContentBlockParams(List.of(
            ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                .toolUseId("toolu_01").content("18 degrees and sunny").build())))
        .build();
  }

  @Test
  void thinkingBlocksReplayedInHistory_areAccepted_andLeftOutUpstream() {
    Message onOpenAiUpstream = anthropicSdk.messages().create(afterThinkingToolTurn("sim-small"));
    Message onMessagesUpstream =
        anthropicSdk.messages().create(afterThinkingToolTurn("captured-messages"));

    assertThat(onOpenAiUpstream.content()).isNotEmpty();
    assertThat(onMessagesUpstream.content().getFirst().text().orElseThrow().text())
        .isEqualTo("Done.");
    JsonNode assistant = capture.lastRequest().path("messages").get(1);
    assertThat(assistant.path("role").asText()).isEqualTo("assistant");
    assertThat(assistant.path("content")).hasSize(1);
    assertThat(assistant.path("content").get(0).path("type").asText()).isEqualTo("tool_use");
    assertThat(capture.lastRequest().toString()).doesNotContain("thinking");
  }

  // ---- compressed uploads and refusals of the HTTP layer ----------------------------------

  private static final String SMALL_CHAT = """
      {"model":"sim-small","max_tokens":8,"messages":[{"role":"user","content":"Say hello."}]}""";

  @Test
  void compressedRequestBodies_areDecoded_inBothApis() throws Exception {
    byte[] body = SMALL_CHAT.getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> gzipped = postEncoded("/v1/chat/completions", "gzip", gzip(body));
    HttpResponse<String> deflated = postEncoded("/v1/messages", "deflate", deflate(body));

    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(gzipped.body()).contains("\"object\":\"chat.completion\"");
    assertThat(deflated.statusCode()).isEqualTo(200);
    assertThat(deflated.body()).contains("\"type\":\"message\"");
  }

  @Test
  void compressedBodyThatInflatesPastTheLimit_is413_nothingServed() throws Exception {
    String padded = "{\"model\":\"sim-small\",\"pad\":\"" + "a".repeat(200_000) + "\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    byte[] bomb = gzip(padded.getBytes(StandardCharsets.UTF_8));
    assertThat(bomb.length).isLessThan(65536);

    HttpResponse<String> response = postEncoded("/v1/chat/completions", "gzip", bomb);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"type\":\"invalid_request_error\"")
        .contains("limit of 65536 bytes");
  }

  @Test
  void corruptCompressedBody_is400SayingSo() throws Exception {
    HttpResponse<String> response = postEncoded("/v1/messages", "gzip",
        SMALL_CHAT.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"type\":\"error\"")
        .contains("could not be decoded as its Content-Encoding (gzip) says");
  }

  @Test
  void unsupportedContentEncoding_is400InTheApisOwnFormat_notAnEmptyBody() throws Exception {
    byte[] body = SMALL_CHAT.getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> openAi = postEncoded("/v1/chat/completions", "br", body);
    HttpResponse<String> anthropic = postEncoded("/v1/messages", "br", body);

    assertThat(openAi.statusCode()).isEqualTo(400);
    assertThat(openAi.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(openAi.body()).startsWith("{\"error\":{")
        .contains("Content-Encoding 'br' is not supported");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(anthropic.body()).startsWith("{\"type\":\"error\"")
        .contains("\"type\":\"invalid_request_error\"");
  }

  @Test
  void requestTheHttpLayerRefuses_getsAnErrorBodyInTheApisFormat() throws Exception {
    String response = rawExchange("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: twelve\r\n\r\n{}");

    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).contains("{\"type\":\"error\",\"error\":{\"type\":"
        + "\"invalid_request_error\",\"message\":\"the HTTP request is malformed");
  }

  // ---- empty and whitespace-only content, which the Messages API refuses ------------------

  @Test
  void emptyOrWhitespaceText_neverReachesAnAnthropicUpstream() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"captured-messages","tools":[{"type":"function","function":{"name":"weather",
          "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
         "messages":[
          {"role":"system","content":""},
          {"role":"user","content":"What is the weather in Paris?"},
          {"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function",
            "function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":""},
          {"role":"assistant","content":""},
          {"role":"user","content":"  "},
          {"role":"user","content":[{"type":"text","text":"And in Rome?"},
            {"type":"text","text":"\\n"}]},
          {"role":"assistant","content":"It is "}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode sent = capture.lastRequest();
    assertThat(sent.has("system")).isFalse();
    assertThat(sent.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":"
        + "\"What is the weather in Paris?\"},{\"role\":\"assistant\",\"content\":[{\"type\":"
        + "\"tool_use\",\"id\":\"call_1\",\"name\":\"weather\",\"input\":{\"city\":\"Paris\"}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\"},"
        + "{\"type\":\"text\",\"text\":\"And in Rome?\"}]},"
        + "{\"role\":\"assistant\",\"content\":\"It is\"}]");
  }

  @Test
  void emptyAssistantTurn_reachesAnOpenAiUpstreamAsAnEmptyString_notNull() throws Exception {
    HttpResponse<String> response = post("/v1/messages", """
        {"model":"captured","max_tokens":64,"messages":[
          {"role":"user","content":"Hello"},
          {"role":"assistant","content":[{"type":"thinking","thinking":"...","signature":"c2ln"}]},
          {"role":"user","content":"Are you there?"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode assistant = capture.lastRequest().path("messages").get(1);
    assertThat(assistant.toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
  }

  // ---- tool call ids made by other providers ---------------------------------------------

  @Test
  void toolCallIdsOfOtherProviders_reachAnAnthropicUpstreamConforming_andStillPaired()
      throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"captured-messages","tools":[{"type":"function","function":{"name":"Bash",
          "parameters":{"type":"object","properties":{"cmd":{"type":"string"}}}}}],
         "messages":[
          {"role":"user","content":"List the files, twice."},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"functions.Bash:0","type":"function",
             "function":{"name":"Bash","arguments":"{\\"cmd\\":\\"ls\\"}"}},
            {"id":"functions.Bash:1","type":"function",
             "function":{"name":"Bash","arguments":"{\\"cmd\\":\\"ls\\"}"}},
            {"id":"call_ok-1","type":"function",
             "function":{"name":"Bash","arguments":"{\\"cmd\\":\\"ls\\"}"}}]},
          {"role":"tool","tool_call_id":"functions.Bash:0","content":"a.txt"},
          {"role":"tool","tool_call_id":"functions.Bash:1","content":"a.txt"},
          {"role":"tool","tool_call_id":"call_ok-1","content":"a.txt"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode messages = capture.lastRequest().path("messages");
    List<String> uses = new ArrayList<>();
    messages.get(1).path("content").forEach(b -> uses.add(b.path("id").asText()));
    List<String> results = new ArrayList<>();
    messages.get(2).path("content").forEach(b -> results.add(b.path("tool_use_id").asText()));
    assertThat(uses).allMatch(id -> id.matches("[a-zA-Z0-9_-]+")).doesNotHaveDuplicates();
    assertThat(uses.getLast()).isEqualTo("call_ok-1");
    assertThat(results).isEqualTo(uses);
  }

  // ---- one tool call per turn ------------------------------------------------------------

  private static final String WEATHER_TOOL_OPENAI = """
      [{"type":"function","function":{"name":"weather",
        "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]""";

  @Test
  void parallelToolCallsFalse_isHonouredOnBothKindsOfUpstream() throws Exception {
    for (String model : List.of("captured", "captured-messages")) {
      HttpResponse<String> response = post("/v1/chat/completions", """
          {"model":"%s","parallel_tool_calls":false,"tools":%s,
           "messages":[{"role":"user","content":"Weather in Paris and Rome?"}]}"""
          .formatted(model, WEATHER_TOOL_OPENAI));
      assertThat(response.statusCode()).as(model).isEqualTo(200);
    }
    List<ObjectNode> sent = capture.received();
    ObjectNode toOpenAi = sent.get(sent.size() - 2);
    ObjectNode toAnthropic = sent.getLast();

    assertThat(toOpenAi.path("parallel_tool_calls").isBoolean()).isTrue();
    assertThat(toOpenAi.path("parallel_tool_calls").booleanValue()).isFalse();
    assertThat(toAnthropic.path("tool_choice").toString())
        .isEqualTo("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}");
  }

  @Test
  void disableParallelToolUse_fromAnAnthropicClient_reachesAnOpenAiUpstream() {
    anthropicSdk.messages().create(MessageCreateParams.builder()
        .model("captured")
        .maxTokens(64)
        .addTool(Tool.builder().name("weather")
            .inputSchema(Tool.InputSchema.builder().build()).build())
        .toolChoice(ToolChoiceAny.builder().disableParallelToolUse(true).build())
        .addUserMessage("Weather in Paris and Rome?")
        .build());

    ObjectNode sent = capture.lastRequest();
    assertThat(sent.path("tool_choice").asText()).isEqualTo("required");
    assertThat(sent.path("parallel_tool_calls").booleanValue()).isFalse();
    assertThat(sent.has("parallel_tool_calls")).isTrue();
  }

  @Test
  void parallelToolCalls_unset_isNotSentUpstream() throws Exception {
    post("/v1/chat/completions", """
        {"model":"captured","tools":%s,
         "messages":[{"role":"user","content":"Weather in Oslo?"}]}"""
        .formatted(WEATHER_TOOL_OPENAI));

    assertThat(capture.lastRequest().has("parallel_tool_calls")).isFalse();
  }

  // ---- browsers: CORS preflight, plain OPTIONS and HEAD ----------------------------------

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void corsPreflightFromAListedOrigin_isAnswered_andTheAnswerIsReadable() throws Exception {
    HttpResponse<String> preflight = send(HttpRequest.newBuilder(gateway.uri("/v1/messages"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type, x-api-key, anthropic-version"));
    HttpResponse<String> call = send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("Origin", "https://app.example.com")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(SMALL_CHAT)));

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://app.example.com");
    assertThat(preflight.headers().firstValue("access-control-allow-methods").orElseThrow())
        .contains("POST");
    assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow())
        .contains("x-api-key");
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://app.example.com");
    assertThat(call.headers().firstValue("access-control-expose-headers").orElseThrow())
        .contains("x-gearbox-route");
  }

  @Test
  void callFromAnUnlistedWebOrigin_onAKeylessGateway_isRefused403_beforeAnythingRuns()
      throws Exception {
    int before = capture.received().size();

    HttpResponse<String> simple = send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("Origin", "https://evil.example")
        .header("content-type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"captured\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
    HttpResponse<String> preflight = send(HttpRequest.newBuilder(gateway.uri("/v1/messages"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST"));

    assertThat(simple.statusCode()).isEqualTo(403);
    assertThat(simple.body()).contains("\"type\":\"permission_error\"")
        .contains("server.cors_origins");
    assertThat(simple.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.body()).startsWith("{\"type\":\"error\"");
    assertThat(capture.received()).hasSize(before);
  }

  @Test
  void plainOptionsAndHead_areAnswered_notRefusedAs405() throws Exception {
    HttpResponse<String> options = send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> head = send(HttpRequest.newBuilder(gateway.uri("/health"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.headers().firstValue("allow")).hasValue("POST, OPTIONS");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  // ---- which stop sequence ended the answer ----------------------------------------------

  private static MessageCreateParams stoppingAt(String stop) {
    return MessageCreateParams.builder()
        .model("via-messages")
        .maxTokens(512)
        .addStopSequence("never-in-any-answer")
        .addStopSequence(stop)
        .addUserMessage("Tell me about the sea.")
        .build();
  }

  @Test
  void stopSequence_reachesAnthropicClientsAsStopReasonStopSequence_streamedOrNot() {
    Message message = anthropicSdk.messages().create(stoppingAt("e"));
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        anthropicSdk.messages().createStreaming(stoppingAt("e"))) {
      stream.stream().forEach(accumulator::accumulate);
    }
    Message streamed = accumulator.message();

    for (Message answer : List.of(message, streamed)) {
      assertThat(answer.stopReason()).contains(StopReason.STOP_SEQUENCE);
      assertThat(answer.stopSequence()).contains("e");
      assertThat(answer.content().getFirst().text().orElseThrow().text()).doesNotContain("e");
    }
  }

  // ---- count_tokens, which agents call before every turn ---------------------------------

  @Test
  void countTokens_isAnsweredWithoutCallingAnUpstream_andGrowsWithThePrompt() throws Exception {
    int before = capture.received().size();
    long shortPrompt = anthropicSdk.messages().countTokens(MessageCountTokensParams.builder()
        .model("captured-messages")
        .addUserMessage("Hello")
        .build()).inputTokens();
    long longPrompt = anthropicSdk.messages().countTokens(MessageCountTokensParams.builder()
        .model("claude-sonnet-4-5")
        .system("You are a careful assistant.")
        .addUserMessage("Hello ".repeat(200))
        .build()).inputTokens();
    HttpResponse<String> invalid = post("/v1/messages/count_tokens", "{\"model\":\"x\"}");

    assertThat(shortPrompt).isPositive();
    assertThat(longPrompt).isGreaterThan(shortPrompt + 150);
    assertThat(capture.received()).hasSize(before);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).startsWith("{\"type\":\"error\"").contains("'messages' is required");
  }

  // ---- the model list and one model, through both SDKs -----------------------------------

  @Test
  void modelsRetrieveAndList_workThroughBothSdks_unknownIdIs404InEachFormat() throws Exception {
    OpenAIClient openAiSdk = OpenAIOkHttpClient.builder()
        .baseUrl(gateway.openAiBaseUrl()).apiKey("unused-on-loopback").maxRetries(0).build();
    try {
      assertThat(openAiSdk.models().retrieve("sim-small").id()).isEqualTo("sim-small");
    } finally {
      openAiSdk.close();
    }
    ModelInfo info = anthropicSdk.models().retrieve("sim-small");
    List<String> listed = new ArrayList<>();
    anthropicSdk.models().list().autoPager().forEach(m -> listed.add(m.id()));
    HttpResponse<String> openAiMissing = send(HttpRequest.newBuilder(gateway.uri(
        "/v1/models/gpt-4o")));
    HttpResponse<String> anthropicMissing = send(HttpRequest.newBuilder(gateway.uri(
        "/v1/models/claude-x")).header("anthropic-version", "2023-06-01"));

    assertThat(info.displayName()).isEqualTo("sim-small");
    assertThat(info.createdAt()).isNotNull();
    assertThat(listed).startsWith("auto").contains("sim-small", "via-messages");
    assertThat(openAiMissing.statusCode()).isEqualTo(404);
    assertThat(openAiMissing.body()).contains("\"code\":\"model_not_found\"")
        .contains("known: auto, sim-small");
    assertThat(anthropicMissing.statusCode()).isEqualTo(404);
    assertThat(anthropicMissing.body()).contains("\"type\":\"not_found_error\"");
  }

  // ---- images inside tool results, on an upstream whose tool messages carry text only ----

  private static final String PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
      + "2mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  @Test
  void imagesInToolResults_reachAnOpenAiUpstreamInAUserMessageAfterTheResults() throws Exception {
    HttpResponse<String> response = post("/v1/messages", """
        {"model":"captured","max_tokens":64,
         "tools":[{"name":"screenshot","input_schema":{"type":"object"}},
                  {"name":"clock","input_schema":{"type":"object"}}],
         "messages":[
          {"role":"user","content":"What is on screen, and what time is it?"},
          {"role":"assistant","content":[
            {"type":"tool_use","id":"toolu_1","name":"screenshot","input":{}},
            {"type":"tool_use","id":"toolu_2","name":"clock","input":{}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"toolu_1","content":[
              {"type":"text","text":"captured"},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}}]},
            {"type":"tool_result","tool_use_id":"toolu_2","content":"12:00"}]}]}"""
        .formatted(PIXEL_PNG));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode messages = capture.lastRequest().path("messages");
    assertThat(messages).hasSize(5);
    assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
    assertThat(messages.get(2).path("content").toString()).contains("captured")
        .contains("the tool returned 1 image").doesNotContain("image_url");
    assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
    assertThat(messages.get(3).path("content").asText()).isEqualTo("12:00");
    JsonNode images = messages.get(4);
    assertThat(images.path("role").asText()).isEqualTo("user");
    assertThat(images.path("content").get(0).path("text").asText()).contains("toolu_1");
    assertThat(images.path("content").get(1).path("image_url").path("url").asText())
        .isEqualTo("data:image/png;base64," + PIXEL_PNG);
  }

  // ---- prompt-cache breakpoints, which decide what a long agent session costs ------------

  @Test
  void cacheControlBreakpoints_reachAnAnthropicUpstreamWhereTheClientPutThem() throws Exception {
    HttpResponse<String> anthropic = post("/v1/messages", """
        {"model":"captured-messages","max_tokens":64,
         "tools":[{"name":"read","input_schema":{"type":"object"},
                   "cache_control":{"type":"ephemeral"}}],
         "system":[{"type":"text","text":"You are a coding agent.",
                    "cache_control":{"type":"ephemeral"}}],
         "messages":[
          {"role":"user","content":[{"type":"text","text":"Read main.py",
                                     "cache_control":{"type":"ephemeral"}}]},
          {"role":"assistant","content":[
            {"type":"tool_use","id":"toolu_1","name":"read","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
            "content":"print('hi')","cache_control":{"type":"ephemeral"}}]}]}""");
    JsonNode fromAnthropic = capture.lastRequest();
    HttpResponse<String> openAi = post("/v1/chat/completions", """
        {"model":"captured-messages","messages":[
          {"role":"system","content":[{"type":"text","text":"You are terse.",
                                       "cache_control":{"type":"ephemeral"}}]},
          {"role":"user","content":"Hello"}]}""");
    JsonNode fromOpenAi = capture.lastRequest();

    assertThat(anthropic.statusCode()).isEqualTo(200);
    assertThat(fromAnthropic.path("system").toString()).isEqualTo("[{\"type\":\"text\",\"text\":"
        + "\"You are a coding agent.\",\"cache_control\":{\"type\":\"ephemeral\"}}]");
    assertThat(fromAnthropic.path("tools").get(0).path("cache_control").path("type").asText())
        .isEqualTo("ephemeral");
    JsonNode messages = fromAnthropic.path("messages");
    assertThat(messages.get(0).path("content").get(0).path("cache_control").path("type").asText())
        .isEqualTo("ephemeral");
    assertThat(messages.get(2).path("content").get(0).path("content").toString())
        .isEqualTo("[{\"type\":\"text\",\"text\":\"print('hi')\",\"cache_control\":"
            + "{\"type\":\"ephemeral\"}}]");
    assertThat(openAi.statusCode()).isEqualTo(200);
    assertThat(fromOpenAi.path("system").get(0).path("cache_control").path("type").asText())
        .isEqualTo("ephemeral");
  }

  // ---- a base URL with or without /v1 ----------------------------------------------------

  @Test
  void pathFromAMisconfiguredBaseUrl_is404NamingTheRightPath() throws Exception {
    HttpResponse<String> withoutV1 = post("/chat/completions", SMALL_CHAT);
    HttpResponse<String> doubledV1 = post("/v1/v1/messages", SMALL_CHAT);
    HttpResponse<String> elsewhere = post("/v2/complete", SMALL_CHAT);

    assertThat(withoutV1.statusCode()).isEqualTo(404);
    assertThat(withoutV1.body()).contains("did you mean /v1/chat/completions?");
    assertThat(doubledV1.statusCode()).isEqualTo(404);
    assertThat(doubledV1.body()).startsWith("{\"type\":\"error\"")
        .contains("did you mean /v1/messages?");
    assertThat(elsewhere.body()).doesNotContain("did you mean");
  }

  // ---- streams behind a buffering reverse proxy ------------------------------------------

  @Test
  void streamedAnswers_tellReverseProxiesNotToBufferThem_inBothApis() throws Exception {
    HttpResponse<String> openAi = post("/v1/chat/completions", """
        {"model":"sim-small","stream":true,"max_tokens":8,
         "messages":[{"role":"user","content":"Say hello."}]}""");
    HttpResponse<String> anthropic = post("/v1/messages", """
        {"model":"sim-small","stream":true,"max_tokens":8,
         "messages":[{"role":"user","content":"Say hello."}]}""");

    for (HttpResponse<String> response : List.of(openAi, anthropic)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
      assertThat(response.headers().firstValue("x-accel-buffering")).hasValue("no");
      assertThat(response.headers().firstValue("cache-control")).hasValue("no-cache");
    }
  }
}
