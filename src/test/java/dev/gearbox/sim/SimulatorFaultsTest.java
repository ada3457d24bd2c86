package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.ContextLengthErrors;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per fault kind: the simulator really produces it on the wire (raw JDK client). */
class SimulatorFaultsTest {
  private static Simulator simulator;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String PROMPT =
      RecordedSets.bundled().items(RecordedSet.GSM8K).get(10).prompt();

  @BeforeAll
  static void start() {
    SimModel flaky =
        SimModel.of("sim-flaky", "Mixtral-8x7B-Instruct")
            .withFaults(List.of(FaultRule.first(2, new Fault.HttpError(503))));
    SimModel tiny =
        SimModel.of("sim-tiny", "Mixtral-8x7B-Instruct").withContextWindow(16, ServerDialect.VLLM);
    simulator =
        Simulator.start(
            SimConfig.defaults().fast().with(flaky).with(tiny).withTimeoutHoldMs(5_000), 0);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static String chatBody(String model, boolean stream) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("model", model).put("stream", stream);
    body.putArray("messages").addObject().put("role", "user").put("content", PROMPT);
    return body.toString();
  }

  private static String messagesBody(String model, boolean stream) {
    ObjectNode body =
        Json.MAPPER
            .createObjectNode()
            .put("model", model)
            .put("stream", stream)
            .put("max_tokens", 1024);
    body.putArray("messages").addObject().put("role", "user").put("content", PROMPT);
    return body.toString();
  }

  private static HttpRequest.Builder post(String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(simulator.rootUri() + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> chat(String fault, boolean stream) throws Exception {
    if (fault.equals("none")) {
      return send(post("/v1/chat/completions", chatBody("sim-frontier", stream)));
    }
    return send(
        post("/v1/chat/completions", chatBody("sim-frontier", stream), "x-sim-fault", fault));
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void rateLimit_is429WithRetryAfterAndOpenAiBody() throws Exception {
    HttpResponse<String> response = chat("rate_limit;retry_after=3", false);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).contains("3");
    assertThat(json(response).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(json(response).at("/error/message").asText()).contains("Please try again in 3s");
  }

  @Test
  void rateLimit_onMessages_isAnthropicsRateLimitError() throws Exception {
    HttpResponse<String> response =
        send(
            post("/v1/messages", messagesBody("sim-frontier", false), "x-sim-fault", "rate_limit"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).contains("2");
    assertThat(json(response).get("type").asText()).isEqualTo("error");
    assertThat(json(response).at("/error/type").asText()).isEqualTo("rate_limit_error");
  }

  @Test
  void http500_isAServerErrorBody() throws Exception {
    HttpResponse<String> response = chat("http_500", false);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).at("/error/type").asText()).isEqualTo("server_error");
  }

  @Test
  void http503_isOverloadedOnBothApis() throws Exception {
    HttpResponse<String> openAi = chat("http_503", true);
    HttpResponse<String> anthropic =
        send(post("/v1/messages", messagesBody("sim-frontier", false), "x-sim-fault", "http_503"));

    assertThat(openAi.statusCode()).isEqualTo(503);
    assertThat(json(openAi).at("/error/message").asText()).contains("overloaded");
    assertThat(anthropic.statusCode()).isEqualTo(503);
    assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("overloaded_error");
  }

  @Test
  void configuredFaults_failTheFirstRequestsOfThatModelOnly() throws Exception {
    int[] statuses = new int[3];
    for (int i = 0; i < 3; i++) {
      statuses[i] = send(post("/v1/chat/completions", chatBody("sim-flaky", false))).statusCode();
    }

    assertThat(statuses).containsExactly(503, 503, 200);
    assertThat(send(post("/v1/chat/completions", chatBody("sim-frontier", false))).statusCode())
        .isEqualTo(200);
  }

  @Test
  void timeout_acceptsAndNeverAnswersUntilTheClientGivesUp() throws Exception {
    long before = System.nanoTime();
    HttpRequest.Builder held =
        post("/v1/chat/completions", chatBody("sim-frontier", false), "x-sim-fault", "timeout")
            .timeout(Duration.ofMillis(300));

    assertThatThrownBy(() -> send(held)).isInstanceOf(HttpTimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(4));
    assertThat(simulator.received()).anySatisfy(r -> assertThat(r.fault()).contains("timeout"));
    assertThat(chat("http_500", false).statusCode()).isEqualTo(500);
  }

  @Test
  void contextLength_speaksEachServersWording() throws Exception {
    Map<String, String> wording =
        Map.of(
            "openai", "However, your messages resulted in",
            "vllm", "in the messages, 0 in the completion",
            "llamacpp", "exceeds the available context size (128000 tokens)",
            "sglang", "is longer than the model's context length (128000 tokens)",
            "ollama", "the input length exceeds the context length");
    for (var server : wording.entrySet()) {
      HttpResponse<String> response = chat("context_length:" + server.getKey(), false);

      assertThat(response.statusCode()).as(server.getKey()).isEqualTo(400);
      assertThat(response.body()).as(server.getKey()).contains(server.getValue());
      assertThat(ContextLengthErrors.matches(response.statusCode(), response.body()))
          .as("the gateway recognises %s", server.getKey())
          .isTrue();
    }
    assertThat(json(chat("context_length:llamacpp", false)).at("/error/type").asText())
        .isEqualTo("exceed_context_size_error");
    assertThat(json(chat("context_length:openai", false)).at("/error/code").asText())
        .isEqualTo("context_length_exceeded");
  }

  @Test
  void promptOverTheWindow_isRefusedInTheModelsDialectWithoutAnyFault() throws Exception {
    HttpResponse<String> response = send(post("/v1/chat/completions", chatBody("sim-tiny", false)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("object").asText()).isEqualTo("error");
    assertThat(json(response).get("message").asText())
        .startsWith("This model's maximum context length is 16 tokens.");
  }

  @Test
  void dropMidStream_withoutStreaming_cutsTheBodyShortOfItsLength() throws Exception {
    HttpRequest request =
        post(
                "/v1/chat/completions",
                chatBody("sim-frontier", false),
                "x-sim-fault",
                "drop_mid_stream")
            .build();

    assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void splitSse_withoutStreaming_stillDeliversTheWholeJson() throws Exception {
    HttpResponse<String> response = chat("split_sse", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).at("/choices/0/message/content").asText())
        .isEqualTo(
            RecordedSets.bundled()
                .items(RecordedSet.GSM8K)
                .get(10)
                .answer("gpt-4-1106-preview", 0)
                .orElseThrow()
                .text()
                .orElseThrow());
  }

  @Test
  void unknownFault_isA400NamingTheHeaderAndTheKnownKinds() throws Exception {
    HttpResponse<String> response = chat("explode", false);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/param").asText()).isEqualTo("x-sim-fault");
    assertThat(json(response).at("/error/message").asText()).contains("rate_limit", "split_sse");
  }

  @Test
  void unknownModel_is404NamingTheServedModels() throws Exception {
    HttpResponse<String> response = send(post("/v1/chat/completions", chatBody("gpt-5", false)));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(json(response).at("/error/message").asText()).contains("sim-frontier, sim-small");
  }

  @Test
  void received_recordsModelHeadersAndDigestButNeverTheKey() throws Exception {
    String body = chatBody("sim-small", false);
    send(
        post(
            "/v1/chat/completions",
            body,
            "authorization",
            "Bearer sk-live-secret",
            "x-trace",
            "t-1"));

    ReceivedRequest last = simulator.received().getLast();

    assertThat(last.model()).contains("sim-small");
    assertThat(last.path()).isEqualTo("/v1/chat/completions");
    assertThat(last.header("Authorization")).contains(ReceivedRequest.REDACTED);
    assertThat(last.header("x-trace")).contains("t-1");
    assertThat(last.toString()).doesNotContain("sk-live-secret");
    assertThat(last.bodySha256()).isEqualTo(Seeds.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(last.bodyBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
  }

  /** Reads until the stream ends or breaks; says which, and what arrived before. */
  private static final java.util.regex.Pattern CONTENT =
      java.util.regex.Pattern.compile("\"content\":\"[^\"]");

  private record Received(String text, boolean broken, int status) {
    long contentDeltas() {
      return text.lines().filter(l -> l.startsWith("data: {") && CONTENT.matcher(l).find()).count();
    }
  }

  /**
   * Sends the request and collects every body byte the client received, then whether the
   * connection broke. A subscriber sees each byte before the error; the JDK's InputStream body
   * may drop bytes already received once the connection resets.
   */
  private static Received exchange(HttpRequest.Builder request) throws Exception {
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    java.util.concurrent.CompletableFuture<Boolean> broken =
        new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.Flow.Subscriber<List<java.nio.ByteBuffer>> collector =
        new java.util.concurrent.Flow.Subscriber<>() {
          public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          public void onNext(List<java.nio.ByteBuffer> items) {
            synchronized (seen) {
              for (java.nio.ByteBuffer item : items) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                seen.write(bytes, 0, bytes.length);
              }
            }
          }

          public void onError(Throwable error) {
            broken.complete(true);
          }

          public void onComplete() {
            broken.complete(false);
          }
        };
    try {
      HTTP.send(request.build(), info -> {
        status.set(info.statusCode());
        return HttpResponse.BodySubscribers.fromSubscriber(collector);
      });
    } catch (IOException expectedWhenBroken) {
      broken.complete(true);
    }
    boolean wasBroken = broken.get(30, java.util.concurrent.TimeUnit.SECONDS);
    synchronized (seen) {
      return new Received(seen.toString(StandardCharsets.UTF_8), wasBroken, status.get());
    }
  }

  @Test
  void dropMidStream_sendsSomeDeltasThenBreaksTheConnection() throws Exception {
    Received received =
        exchange(
            post(
                "/v1/chat/completions",
                chatBody("sim-frontier", true),
                "x-sim-fault",
                "drop_mid_stream;after=3"));

    assertThat(received.status()).isEqualTo(200);
    assertThat(received.broken()).as("the connection broke").isTrue();
    assertThat(received.contentDeltas()).isEqualTo(3);
    assertThat(received.text()).doesNotContain("[DONE]", "finish_reason\":\"stop");
  }

  @Test
  void dropMidStream_byDefault_breaksAfterAboutHalfTheAnswer() throws Exception {
    Received whole =
        exchange(post("/v1/chat/completions", chatBody("sim-frontier", true)));
    Received dropped =
        exchange(
            post(
                "/v1/chat/completions",
                chatBody("sim-frontier", true),
                "x-sim-fault",
                "drop_mid_stream"));

    assertThat(whole.broken()).isFalse();
    assertThat(dropped.broken()).isTrue();
    assertThat(dropped.contentDeltas()).isEqualTo(Math.max(1, whole.contentDeltas() / 2));
  }

  @Test
  void errorInStream_beforeContent_isA200StreamOpeningWithAnError() throws Exception {
    HttpResponse<String> response = chat("error_in_stream", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    assertThat(response.body()).startsWith("data: {\"error\":{").doesNotContain("[DONE]");
  }

  @Test
  void errorInStream_afterFiveDeltas_sendsThemThenTheError() throws Exception {
    HttpResponse<String> response = chat("error_in_stream;after=5", true);

    Received received = new Received(response.body(), false, response.statusCode());
    assertThat(received.contentDeltas()).isEqualTo(5);
    String last = response.body().strip().lines().toList().getLast();
    assertThat(last).startsWith("data: {\"error\":").contains("server_error");
  }

  @Test
  void errorInStream_onMessages_isAnAnthropicErrorEvent() throws Exception {
    HttpResponse<String> response =
        send(
            post(
                "/v1/messages",
                messagesBody("sim-frontier", true),
                "x-sim-fault",
                "error_in_stream;after=2"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("event: message_start")
        .endsWith(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n")
        .doesNotContain("message_stop");
  }

  @Test
  void splitSse_writesCrlfLineEndsAndTheSameEvents() throws Exception {
    String plain = chat("none", true).body();
    HttpResponse<String> split = chat("split_sse", true);

    assertThat(split.statusCode()).isEqualTo(200);
    assertThat(split.body()).contains("\r\n\r\n").doesNotContain("\n\n");
    assertThat(withoutIds(split.body().replace("\r\n", "\n"))).isEqualTo(withoutIds(plain));
  }

  private static String withoutIds(String sse) {
    return sse.replaceAll("chatcmpl-[A-Za-z0-9]+", "ID").replaceAll("\"created\":\\d+", "");
  }
}
