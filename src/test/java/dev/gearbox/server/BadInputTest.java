package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of bad request gets the API's own error JSON with a useful message, never a stack
 * trace or an internal class name, and the gateway keeps serving afterwards.
 */
class BadInputTest {
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

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(gateway.uri(path))
            .header("content-type", "application/json")
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode openAiError(HttpResponse<String> response) throws Exception {
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.path("error").path("message").asText()).isNotBlank();
    assertThat(body.path("error").path("type").asText()).isNotBlank();
    assertNoInternals(response.body());
    return body.path("error");
  }

  private static JsonNode anthropicError(HttpResponse<String> response) throws Exception {
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("message").asText()).isNotBlank();
    assertNoInternals(response.body());
    return body.path("error");
  }

  private static void assertNoInternals(String body) {
    assertThat(body).doesNotContain("Exception", "java.", "dev.gearbox", "\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "{", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}",
      "[1,2]", "not json at all", "{\"model\":\"auto\",\"messages\":[]} trailing"})
  void malformedOrTruncatedJson_is400InOpenAiFormat(String body) throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(openAiError(response).path("type").asText()).isEqualTo("invalid_request_error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"model\":", "{\"model\":\"auto\",\"max_tokens\":10,"})
  void malformedOrTruncatedJson_is400InAnthropicFormat(String body) throws Exception {
    HttpResponse<String> response = post("/v1/messages", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(anthropicError(response).path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void wrongType_namesTheField() throws Exception {
    HttpResponse<String> response =
        post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":\"hello\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(openAiError(response).path("message").asText()).contains("messages");
  }

  @Test
  void missingMaxTokens_onTheMessagesApi_namesIt() throws Exception {
    HttpResponse<String> response = post("/v1/messages",
        "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(anthropicError(response).path("message").asText()).contains("max_tokens");
  }

  @Test
  void unknownModel_is404ListingTheKnownAliases() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions",
        "{\"model\":\"gpt-7\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = openAiError(response);
    assertThat(error.path("message").asText()).contains("gpt-7", "sim-frontier", "sim-small");
    assertThat(error.path("code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void unknownModel_onTheMessagesApi_isANotFoundError() throws Exception {
    HttpResponse<String> response = post("/v1/messages",
        "{\"model\":\"claude-9\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(anthropicError(response).path("type").asText()).isEqualTo("not_found_error");
  }

  @Test
  void unsupportedParameter_is400NamingIt_neverSilentlyDropped() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions",
        "{\"model\":\"auto\",\"logprobs\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(openAiError(response).path("param").asText()).isEqualTo("logprobs");
  }

  @Test
  void unknownEndpoint_is404InJson() throws Exception {
    HttpResponse<String> response = post("/v1/completions", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(openAiError(response).path("message").asText()).contains("/v1/chat/completions");
  }

  @Test
  void unknownPath_listsEveryServedRoute_andEachOneListedIsServed() throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/nowhere")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    String message = openAiError(response).path("message").asText();
    assertThat(message).contains("GET /admin/usage", "GET /admin/sessions/{id}",
        "GET /calls/{id}", "GET /v1/models/{id}", "POST /v1/messages/count_tokens");
    String listing = message.substring(message.indexOf("served: ") + "served: ".length());
    for (String route : listing.split(", ")) {
      String[] parts = route.split(" ");
      String path = parts[1].replaceAll("\\{[^}]+}", "x");
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(gateway.uri(path))
          .method(parts[0], parts[0].equals("POST")
              ? HttpRequest.BodyPublishers.ofString("{}")
              : HttpRequest.BodyPublishers.noBody())
          .header("content-type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(route).isNotEqualTo(405);
      assertThat(answer.body()).as(route).doesNotContain("no such endpoint");
    }
  }

  @Test
  void wrongMethodOnAServedPathWithAParameter_is405WithAllow() throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/calls/some-id")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow")).contains("GET");
  }

  @Test
  void wrongMethodOnAServedPath_is405WithAllow() throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/v1/chat/completions")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow")).contains("POST");
    assertThat(openAiError(response).path("message").asText()).contains("use POST");
  }

  @Test
  void gatewayKeepsServingAfterBadInput() throws Exception {
    post("/v1/chat/completions", "{");

    HttpResponse<String> response = post("/v1/chat/completions",
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-gearbox-route")).get().asString()
        .contains("model=sim-small");
  }

  @Test
  void metricsEndpoint_countsRequestsAndErrorsInPrometheusText() throws Exception {
    post("/v1/chat/completions", "{");
    post("/v1/chat/completions",
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    HttpResponse<String> metrics = HTTP.send(
        HttpRequest.newBuilder(URI.create(gateway.root() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(metrics.body())
        .contains("gearbox_request_duration_seconds_count")
        .contains("gearbox_errors_total")
        .contains("gearbox_tokens_total");
  }
}
