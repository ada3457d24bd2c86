package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.wire.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time to first token and output speed as a client measures them. Real network timing is the
 * point here, so the model is paced (200 ms to the first token, 1,000 tokens/s) and only lower
 * bounds, plus one generous upper bound, are asserted.
 */
class SimulatorLatencyTest {
  private static final long TTFT_MS = 200;
  private static final double TOKENS_PER_SECOND = 1_000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final RecordedItem ITEM =
      RecordedSets.bundled().items(RecordedSet.MT_BENCH).getFirst();
  private static Simulator simulator;

  @BeforeAll
  static void start() {
    SimModel paced =
        SimModel.of("sim-paced", "gpt-4-1106-preview").withLatency(TTFT_MS, TOKENS_PER_SECOND);
    simulator = Simulator.start(SimConfig.defaults().withModels(List.of(paced)), 0);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static HttpRequest request(boolean stream) {
    ObjectNode body =
        Json.MAPPER.createObjectNode().put("model", "sim-paced").put("stream", stream);
    body.putArray("messages").addObject().put("role", "user").put("content", ITEM.prompt());
    return HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private static long generationMs() {
    String answer = ITEM.answer("gpt-4-1106-preview", 0).orElseThrow().text().orElseThrow();
    return Math.round(TokenCounter.cl100k().count(answer) * 1000 / TOKENS_PER_SECOND);
  }

  @Test
  void plainAnswer_takesTimeToFirstTokenPlusGenerationTime() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = HTTP.send(request(false), HttpResponse.BodyHandlers.ofString());
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(TTFT_MS + generationMs()).isLessThan(10_000);
  }

  @Test
  void stream_firstContentAfterTtftAndTheRestAtTheModelsSpeed() throws Exception {
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        HTTP.send(request(true), HttpResponse.BodyHandlers.ofInputStream());
    long firstByteMs = -1;
    StringBuilder body = new StringBuilder();
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[256];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        firstByteMs = firstByteMs < 0 ? (System.nanoTime() - start) / 1_000_000 : firstByteMs;
        body.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
    }
    long totalMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(body.toString()).endsWith("data: [DONE]\n\n");
    assertThat(firstByteMs).isGreaterThanOrEqualTo(TTFT_MS);
    // Each delta's share of the generation time is rounded down, so allow a little under.
    assertThat(totalMs).isGreaterThanOrEqualTo(TTFT_MS + generationMs() * 9 / 10);
    assertThat(totalMs).isLessThan(10_000);
  }
}
