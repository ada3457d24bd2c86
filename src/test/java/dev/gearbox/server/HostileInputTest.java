package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

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
}
