package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.server.RawUpstream.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The total timeout bounds how long a request may take to get its answer going (every attempt,
 * backoff and fallback up to the first content); a stream that is then producing is bounded by
 * its silences, not cut off at the total timeout in the middle of a long answer.
 */
class LongStreamsTest {
  @TempDir static Path dataDir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static RawUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = new RawUpstream();
    gateway = GatewayHarness.fromYaml("""
        providers:
          - {name: slow, kind: openai-compatible, base_url: %s, max_retries: 0,
             attempt_timeout_ms: 1000}
        models:
          - {alias: slow, provider: slow, upstream_model: m, tier: small}
        routing:
          default_model: slow
          total_timeout_ms: 1200
        prices:
          m: {input_per_million: "1", output_per_million: "1"}
        """.formatted(upstream.baseUrl()), dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  private static String events(int words) {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < words; i++) {
      events.append("""
          data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"m",\
          "choices":[{"index":0,"delta":{"content":"w%d "},"finish_reason":null}]}

          """.formatted(i));
    }
    events.append("""
        data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"m",\
        "choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: [DONE]

        """);
    return events.toString();
  }

  private static HttpResponse<String> stream() throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"slow\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Write at length.\"}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStreamStillProducing_outlivesTheTotalTimeout() throws Exception {
    upstream.next(Reply.of(200, "text/event-stream", events(12))
        .slowly(Duration.ofMillis(200)));

    HttpResponse<String> response = stream();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("w11 ").doesNotContain("\"error\"")
        .endsWith("data: [DONE]\n\n");
  }

  @Test
  void aStreamFallingSilent_stillEndsWithAnError() throws Exception {
    upstream.next(Reply.of(200, "text/event-stream", events(2))
        .slowly(Duration.ofMillis(1600)));

    HttpResponse<String> response = stream();

    assertThat(response.body()).contains("w0 ").contains("\"error\"")
        .doesNotContain("data: [DONE]");
  }
}
