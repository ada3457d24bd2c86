package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
}
