package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual keys switch authentication on; the body limit answers 413 in the API's format. */
class KeysAndLimitsTest {
  @TempDir static Path dataDir;

  private static final String KEY = "gbx-team-a-7f3c";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.fromYaml("""
        server:
          max_body_bytes: 4096
        simulator:
          enabled: true
          fast: true
        providers:
          - name: simulator
            kind: openai-compatible
            base_url: embedded
        models:
          - alias: sim-small
            provider: simulator
            tier: small
        keys:
          - id: team-a
            key_env: TEAM_A_KEY
            tenant: acme
        """, dataDir, Map.of("TEAM_A_KEY", KEY));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final String CHAT =
      "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String MESSAGES =
      "{\"model\":\"sim-small\",\"max_tokens\":50,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void missingKey_is401InOpenAiFormat() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", CHAT);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"error\"").contains("missing API key");
  }

  @Test
  void wrongKey_is401InAnthropicFormat_andDoesNotEchoTheKey() throws Exception {
    HttpResponse<String> response =
        post("/v1/messages", MESSAGES, "x-api-key", "gbx-wrong-secret");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("authentication_error").doesNotContain("gbx-wrong");
  }

  @Test
  void bearerKey_isAccepted() throws Exception {
    HttpResponse<String> response =
        post("/v1/chat/completions", CHAT, "authorization", "Bearer " + KEY);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void bothKeyHeaders_eitherMayCarryTheGatewayKey() throws Exception {
    HttpResponse<String> keyInBearer = post("/v1/messages", MESSAGES,
        "x-api-key", "sk-ant-placeholder", "authorization", "Bearer " + KEY);
    HttpResponse<String> keyInHeader = post("/v1/chat/completions", CHAT,
        "x-api-key", KEY, "authorization", "Bearer sk-placeholder");
    HttpResponse<String> neither = post("/v1/messages", MESSAGES,
        "x-api-key", "sk-ant-placeholder", "authorization", "Bearer sk-placeholder");

    assertThat(keyInBearer.statusCode()).isEqualTo(200);
    assertThat(keyInHeader.statusCode()).isEqualTo(200);
    assertThat(neither.statusCode()).isEqualTo(401);
    assertThat(neither.body()).contains("authentication_error").doesNotContain("placeholder");
  }

  @Test
  void callFromAnUnlistedWebOrigin_withAKey_runsWithoutCorsHeaders() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", CHAT,
        "authorization", "Bearer " + KEY, "origin", "app://desktop-client");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void xApiKey_isAccepted() throws Exception {
    HttpResponse<String> response = post("/v1/messages", MESSAGES, "x-api-key", KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"type\":\"message\"");
  }

  @Test
  void bodyOverTheLimit_is413InEitherFormat() throws Exception {
    String big = "x".repeat(8000);
    String chat = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + big + "\"}]}";

    HttpResponse<String> openAi =
        post("/v1/chat/completions", chat, "authorization", "Bearer " + KEY);
    HttpResponse<String> anthropic = post("/v1/messages", chat, "x-api-key", KEY);

    assertThat(openAi.statusCode()).isEqualTo(413);
    assertThat(openAi.body()).contains("\"error\"").contains("4096 bytes");
    assertThat(anthropic.statusCode()).isEqualTo(413);
    assertThat(anthropic.body()).contains("request_too_large");
  }
}
