package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.route.RouterFile;
import dev.gearbox.route.RouterModel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cascade's second sample against a real upstream that samples: two answers that agree are
 * served (both small calls paid), two that disagree escalate to the frontier.
 */
class SecondSampleTest {
  @TempDir Path dir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The bundled prompt router without its answer scorer, so only the second sample decides. */
  private Path promptOnlyRouter() {
    RouterModel bundled = RouterFile.bundled();
    Path file = dir.resolve("prompt-only.json");
    RouterFile.write(new RouterModel(bundled.embeddingModel(), bundled.features(),
        bundled.trainedOn(),
        bundled.promptModel(), bundled.calibration(), Optional.empty(), Optional.empty()), file);
    return file;
  }

  private GatewayHarness gateway(LoopbackModel small, LoopbackModel frontier) {
    return GatewayHarness.fromYaml("""
        providers:
          - {name: cheap, kind: openai-compatible, base_url: %s, max_retries: 0}
          - {name: big, kind: openai-compatible, base_url: %s, max_retries: 0}
        models:
          - {alias: frontier, provider: big, tier: frontier}
          - {alias: small, provider: cheap, tier: small}
        routing:
          router: %s
          cascade_band: [0.0, 1.0]
          second_sample: true
        prices:
          frontier: {input_per_million: "10", output_per_million: "30"}
          small: {input_per_million: "0.5", output_per_million: "0.5"}
        """.formatted(small.baseUrl(), frontier.baseUrl(), promptOnlyRouter()), dir.resolve("d"),
        Map.of());
  }

  private static HttpResponse<String> ask(GatewayHarness gateway) throws Exception {
    String body = "{\"model\": \"auto\", \"messages\": [{\"role\": \"user\", \"content\":"
        + " \"A shop sells 48 clips in April and half as many in May. How many in total?\"}]}";
    return HTTP.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void disagreeingSamples_escalateToTheFrontier() throws Exception {
    try (LoopbackModel small = LoopbackModel.answeringInTurn("So the total is 72.",
            "So the total is 96.");
        LoopbackModel frontier = LoopbackModel.answering("48 + 24 = 72 clips.");
        GatewayHarness gateway = gateway(small, frontier)) {
      HttpResponse<String> response = ask(gateway);
      assertThat(response.body()).contains("48 + 24 = 72 clips.");
      assertThat(response.headers().firstValue("x-gearbox-route").orElseThrow())
          .contains("escalated=disagreement").contains("attempts=3");
      assertThat(small.calls()).isEqualTo(2);
      assertThat(frontier.calls()).isEqualTo(1);
    }
  }

  @Test
  void agreeingSamples_areServedFromTheSmallTier_andBothArePaid() throws Exception {
    try (LoopbackModel small = LoopbackModel.answeringInTurn("So the total is 72.",
            "48 and 24 make 72.");
        LoopbackModel frontier = LoopbackModel.answering("72");
        GatewayHarness gateway = gateway(small, frontier)) {
      HttpResponse<String> response = ask(gateway);
      assertThat(response.body()).contains("So the total is 72.");
      assertThat(response.headers().firstValue("x-gearbox-model")).contains("small");
      assertThat(frontier.calls()).isZero();
      // Two small calls of 20 input + 10 output tokens at $0.5/M: $0.00003.
      assertThat(response.headers().firstValue("x-gearbox-cost-usd").orElseThrow())
          .startsWith("0.00003");
    }
  }
}
