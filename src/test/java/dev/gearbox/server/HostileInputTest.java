package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Input drawn from bug reports against other gateways: text no UTF-8 can carry, client text that
 * would forge log lines or flood error messages, and the like. Each kind is refused with a 400
 * that names the field, or handled, in the API's own error format.
 */
class HostileInputTest {
  @TempDir static Path dataDir;

  private static GatewayHarness gateway;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.embeddedDefault(dataDir);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> chat(String content, String... headers) throws Exception {
    return post("/v1/chat/completions", "{\"model\":\"sim-small\",\"messages\":[{\"role\":"
        + "\"user\",\"content\":\"" + content + "\"}]}", headers);
  }

  static JsonNode error(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body()).path("error");
  }

  // ---- text that UTF-8 cannot carry ---------------------------------------------------------

  @Test
  void loneSurrogate_is400NamingTheField_inBothApis() throws Exception {
    HttpResponse<String> openAi = chat("what is \\ud800 plus one");
    HttpResponse<String> anthropic = post("/v1/messages", "{\"model\":\"sim-small\","
        + "\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"a \\udc00 b\"}]}]}");

    assertThat(openAi.statusCode()).isEqualTo(400);
    assertThat(error(openAi).path("param").asText()).isEqualTo("messages[0].content");
    assertThat(error(openAi).path("message").asText()).contains("surrogate", "character 8");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(anthropic.body()).path("type").asText()).isEqualTo("error");
    assertThat(error(anthropic).path("message").asText())
        .contains("messages[0].content[0].text", "surrogate");
  }

  @Test
  void loneSurrogates_neverShareACachedAnswer_withOtherText() throws Exception {
    HttpResponse<String> plain = chat("surrogate probe ?");
    HttpResponse<String> lone = chat("surrogate probe \\udbff");

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(lone.statusCode()).isEqualTo(400);
  }

  @Test
  void pairedSurrogates_emojiAndRightToLeftText_areServed() throws Exception {
    HttpResponse<String> response = chat("\\ud83d\\ude00 مرحبا שלום \\u0000 end");

    assertThat(response.statusCode()).isEqualTo(200);
  }

  // ---- client text quoted back in errors and log lines ------------------------------------

  @Test
  void clientTextInErrors_isBoundedAndCannotForgeALogLine() throws Exception {
    Logger endpoint = (Logger) LoggerFactory.getLogger(ChatEndpoint.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    endpoint.addAppender(logs);
    Level before = endpoint.getLevel();
    endpoint.setLevel(Level.DEBUG);
    String forged = "gpt-4o\\n12:00:00.000 INFO  [req_000] Gateway - admin key rotated\\u202e";
    try {
      HttpResponse<String> model = post("/v1/chat/completions", "{\"model\":\"" + forged
          + "x".repeat(100_000) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      HttpResponse<String> role = post("/v1/messages", "{\"model\":\"sim-small\","
          + "\"max_tokens\":9,\"messages\":[{\"role\":\"" + forged + "r".repeat(50_000)
          + "\",\"content\":\"hi\"}]}");
      HttpResponse<String> tier = post("/v1/chat/completions", "{\"model\":\"auto\","
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
          "x-gearbox-tier", "y".repeat(6_000));

      assertThat(model.statusCode()).isEqualTo(400);
      assertThat(role.statusCode()).isEqualTo(400);
      assertThat(tier.statusCode()).isEqualTo(400);
      for (HttpResponse<String> response : java.util.List.of(model, role, tier)) {
        String message = error(response).path("message").asText();
        assertThat(message).hasSizeLessThan(400).doesNotContain("\n", "\u202e");
      }
      assertThat(error(role).path("message").asText()).contains("'gpt-4o\\u000a12:00", "chars)");
      assertThat(logs.list).isNotEmpty().allSatisfy(event -> assertThat(
          event.getFormattedMessage()).doesNotContain("\n", "\u202e").hasSizeLessThan(600));
    } finally {
      endpoint.detachAppender(logs);
      endpoint.setLevel(before);
    }
  }

  // ---- model names as clients write them ---------------------------------------------------

  static HttpResponse<String> asking(String model, String content) throws Exception {
    return post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
        + "\"user\",\"content\":\"" + content + "\"}]}");
  }

  @Test
  void modelNameWithStrayWhitespaceOtherCaseOrItsProviderPrefix_isTheConfiguredAlias()
      throws Exception {
    HttpResponse<String> exact = asking("sim-small", "model name probe");
    for (String asked : java.util.List.of(" sim-small\\n", "SIM-Small", "simulator/sim-small",
        "Simulator/SIM-SMALL\\t")) {
      HttpResponse<String> response = asking(asked, "model name probe");

      assertThat(response.statusCode()).as(asked).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-model")).hasValue("sim-small");
      assertThat(response.headers().firstValue("x-gearbox-cache")).as(asked)
          .hasValue("hit-exact");
      assertThat(Json.MAPPER.readTree(response.body()).path("model").asText())
          .isEqualTo("sim-small");
    }
    assertThat(exact.statusCode()).isEqualTo(200);
    assertThat(asking("AUTO", "what is 2 + 3").statusCode()).isEqualTo(200);
  }

  @Test
  void providerPrefixThatIsNoConfiguredProvider_isStill404ListingTheAliases() throws Exception {
    HttpResponse<String> response = asking("openai/sim-small", "hi");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(error(response).path("message").asText()).contains("'openai/sim-small'",
        "sim-small", "provider/alias");
  }

  @Test
  void modelNameTooLongOrHoldingControlCharacters_is400NamingModel() throws Exception {
    HttpResponse<String> longName = asking("m".repeat(300), "hi");
    HttpResponse<String> nul = asking("sim\\u0000small", "hi");
    HttpResponse<String> anthropic = post("/v1/messages", "{\"model\":\"sim\\u202esmall\","
        + "\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(longName.statusCode()).isEqualTo(400);
    assertThat(error(longName).path("param").asText()).isEqualTo("model");
    assertThat(error(longName).path("message").asText()).contains("300", "256");
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(error(nul).path("param").asText()).isEqualTo("model");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(error(anthropic).path("message").asText()).contains("'model'");
  }

  // ---- agent-session headers ---------------------------------------------------------------

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "x-gearbox-session", "x-gearbox-parent", "x-gearbox-call-id"})
  void idHeaderTooLongOrNotPrintableAscii_is400NamingIt_notSilentlyDropped(String header)
      throws Exception {
    HttpResponse<String> tooLong = chat("id header probe", header, "s".repeat(10_000));
    HttpResponse<String> spaced = chat("id header probe", header, "run 7");

    for (HttpResponse<String> response : java.util.List.of(tooLong, spaced)) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(error(response).path("param").asText()).isEqualTo(header);
      assertThat(error(response).path("message").asText()).contains(header).hasSizeLessThan(400);
      assertThat(response.headers().firstValue("x-gearbox-call-id")).isEmpty();
    }
  }

  @Test
  void idHeaderWithBytesBeyondAscii_is400_notEchoedMangled() throws Exception {
    String body = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    byte[] head = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + body.length() + "\r\nx-gearbox-call-id: caf").getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket("127.0.0.1", gateway.app.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write("\u00e9-run\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      out.write(body.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = answer(socket.getInputStream());

      assertThat(answer).startsWith("HTTP/1.1 400").contains("x-gearbox-call-id must be")
          .doesNotContainIgnoringCase("x-gearbox-call-id: caf");
    }
  }

  /** Status line, headers and a Content-Length body, read without waiting for the close. */
  private static String answer(java.io.InputStream in) throws Exception {
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      head.write(in.read());
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(headers);
    int bodyBytes = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return headers + new String(in.readNBytes(bodyBytes), StandardCharsets.UTF_8);
  }

  @Test
  void idHeaders_ofPrintableAscii_comeBackAsSent() throws Exception {
    String id = "run-7:step_3/plan.v2@agent~x";
    HttpResponse<String> response = chat("id header probe", "x-gearbox-call-id", id,
        "x-gearbox-session", "s-" + "9".repeat(190));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-gearbox-call-id")).hasValue(id);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"x-gearbox-session",
      "x-gearbox-call-id", "x-gearbox-parent", "x-gearbox-tier",
      "x-gearbox-cache", "traceparent"})
  void gatewayHeaderSentTwiceWithDifferentValues_is400NamingIt(String header) throws Exception {
    String[] values = header.equals("traceparent")
        ? new String[] {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "00-1af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}
        : header.equals("x-gearbox-tier") ? new String[] {"small", "frontier"}
        : header.equals("x-gearbox-cache") ? new String[] {"off", "only"}
        : new String[] {"one", "two"};
    HttpResponse<String> twice = post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"twice probe\"}]}", header, values[0], header,
        values[1]);
    HttpResponse<String> same = post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"twice probe\"}]}", header, values[0], header,
        values[0]);

    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(error(twice).path("param").asText()).isEqualTo(header);
    assertThat(error(twice).path("message").asText()).contains(header, "twice");
    assertThat(same.statusCode()).isEqualTo(200);
  }

  // ---- traceparent ---------------------------------------------------------------------------

  static int sessionStatus(String traceId) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(gateway.uri("/admin/sessions/" + traceId)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void traceparentTheSpecCallsInvalid_startsNoSession() throws Exception {
    String zeroTrace = "0".repeat(32);
    String zeroParentTrace = "5bf92f3577b34da6a3ce929d0e0e4736";
    String versionFfTrace = "6bf92f3577b34da6a3ce929d0e0e4736";
    String version00WithMoreTrace = "7bf92f3577b34da6a3ce929d0e0e4736";
    assertThat(chat("trace probe", "traceparent", "00-" + zeroTrace + "-00f067aa0ba902b7-01")
        .statusCode()).isEqualTo(200);
    chat("trace probe", "traceparent", "00-" + zeroParentTrace + "-0000000000000000-01");
    chat("trace probe", "traceparent", "ff-" + versionFfTrace + "-00f067aa0ba902b7-01");
    chat("trace probe", "traceparent", "00-" + version00WithMoreTrace + "-00f067aa0ba902b7-01-x");
    gateway.app.flushLedger();

    for (String trace : java.util.List.of(zeroTrace, zeroParentTrace, versionFfTrace,
        version00WithMoreTrace)) {
      assertThat(sessionStatus(trace)).as(trace).isEqualTo(404);
    }
  }

  @Test
  void traceparentOfALaterVersion_groupsByItsTraceId() throws Exception {
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    chat("trace probe", "traceparent", "01-" + trace + "-00f067aa0ba902b7-01-what-comes-next");
    gateway.app.flushLedger();

    assertThat(sessionStatus(trace)).isEqualTo(200);
  }

  // ---- max_tokens beyond what a model can produce --------------------------------------------

  @Test
  void maxTokensBeyondTheModelsContextWindow_is400NamingIt_inBothApis() throws Exception {
    HttpResponse<String> openAi = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"max_tokens\":1000000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    HttpResponse<String> anthropic = post("/v1/messages", "{\"model\":\"sim-frontier\","
        + "\"max_tokens\":200000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(openAi.statusCode()).isEqualTo(400);
    assertThat(error(openAi).path("param").asText()).isEqualTo("max_completion_tokens");
    assertThat(error(openAi).path("message").asText())
        .contains("'max_tokens' / 'max_completion_tokens' (1000000)", "sim-small", "32768");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(error(anthropic).path("message").asText()).contains("'max_tokens' (200000)",
        "128000");
  }

  @Test
  void maxTokensTooLargeForTheSmallModel_routesAutoToTheFrontier() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"auto\","
        + "\"max_tokens\":60000,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-gearbox-model")).hasValue("sim-frontier");
  }

  // ---- empty content ------------------------------------------------------------------------

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "[{\"role\":\"user\",\"content\":[]}]",
      "[{\"role\":\"system\",\"content\":[]},{\"role\":\"user\",\"content\":\"hi\"}]",
      "[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[]},"
          + "{\"role\":\"user\",\"content\":\"and?\"}]"})
  void emptyContentArray_is400NamingIt_onTheChatApi(String messages) throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions",
        "{\"model\":\"sim-small\",\"messages\":" + messages + "}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("param").asText()).matches("messages\\[\\d]\\.content");
    assertThat(error(response).path("message").asText()).contains("empty");
  }

  @Test
  void emptyUserContentArray_is400NamingIt_onTheMessagesApi() throws Exception {
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"sim-small\","
        + "\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":[]}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("message").asText()).contains("messages[0].content", "empty");
  }

  @Test
  void assistantWithToolCallsAndEmptyContentArray_isServed() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},{\"role\":"
        + "\"assistant\",\"content\":[],\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"weather\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\","
        + "\"tool_call_id\":\"c1\",\"content\":\"sunny\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
  }

  // ---- message names ------------------------------------------------------------------------

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "Jane Doe", "a/b", "<|im_start|>", "", "x\\ny"})
  void messageNameThatOpenAiRefuses_is400NamingIt(String name) throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"" + name + "\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("param").asText()).isEqualTo("messages[0].name");
  }

  @Test
  void messageNameOfWordCharacters_isServed() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"jane_doe-2\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
  }

  // ---- tool results that answer no call -----------------------------------------------------

  private static final String CALL = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
      + "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
      + "\"arguments\":\"{}\"}}]}";

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"tool\",\"tool_call_id\":\"call_1\","
          + "\"content\":\"sunny\"}]",
      "[{\"role\":\"user\",\"content\":\"hi\"}," + "CALL" + ",{\"role\":\"tool\","
          + "\"tool_call_id\":\"call_9\",\"content\":\"sunny\"}]",
      "[{\"role\":\"user\",\"content\":\"hi\"}," + "CALL" + ",{\"role\":\"tool\","
          + "\"tool_call_id\":\"call_1\",\"content\":\"sunny\"},{\"role\":\"user\",\"content\":"
          + "\"and?\"},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"again\"}]"})
  void toolResultAnsweringNoCallOfTheTurnBefore_is400NamingIt(String messages)
      throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"messages\":" + messages.replace("CALL", CALL) + "}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("param").asText()).matches("messages\\[\\d]\\.tool_call_id");
    assertThat(error(response).path("message").asText()).contains("did not make");
  }

  @Test
  void toolResultAnsweringNoToolUse_is400NamingIt_onTheMessagesApi() throws Exception {
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"sim-small\","
        + "\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\","
        + "\"name\":\"weather\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"tool_result\",\"tool_use_id\":\"toolu_2\",\"content\":\"sunny\"}]}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("message").asText())
        .contains("messages[2].content[0].tool_use_id", "'toolu_1'");
  }

  @Test
  void severalResultsOfParallelCalls_areServed() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\","
        + "\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
        + "{\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"f\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"b\",\"content\":\"2\"},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\"1\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
  }

  // ---- n, which fans out into that many upstream calls ---------------------------------------

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {129, 100_000, Integer.MAX_VALUE})
  void nBeyond128_is400NamingIt_beforeAnyUpstreamCall(int n) throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"n\":" + n + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("param").asText()).isEqualTo("n");
    assertThat(error(response).path("message").asText()).contains("128");
  }

  @Test
  void nOfSeveral_isServedWithThatManyChoices() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"three answers\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).path("choices").size()).isEqualTo(3);
  }

  @Test
  void numberOfThousandsOfDigits_is400SayingNumbersAreLimited() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"sim-small\","
        + "\"seed\":" + "9".repeat(5_000) + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("message").asText()).contains("numbers up to 1000 digits");
  }

  @Test
  void modelsRetrieve_takesTheSameSpellingsAsChat() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        gateway.uri("/v1/models/SIM-Small")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).path("id").asText()).isEqualTo("sim-small");
  }
}
