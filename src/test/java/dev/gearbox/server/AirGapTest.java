package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.config.ConfigException;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.cost.PriceBook;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.embed.Embedder;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Air-gap mode: external providers refuse start-up, and nothing else reaches the network. */
class AirGapTest {
  @TempDir Path dataDir;

  @Test
  void airgapWithExternalProviders_refusesToStart_namingEachOne() {
    String yaml = """
        airgap: true
        providers:
          - {name: ollama, kind: openai-compatible, base_url: "http://localhost:11434/v1"}
          - {name: openai, kind: openai-compatible, base_url: "https://api.openai.com/v1"}
          - {name: anthropic, kind: anthropic, base_url: "https://api.anthropic.com/v1"}
          - {name: gpu-box, kind: openai-compatible, base_url: "http://10.0.0.7:8000/v1",
             locality: on-prem}
        models:
          - {alias: local, provider: ollama, upstream_model: "llama3.1:8b", tier: small}
        prices:
          "llama3.1:8b": {gpu_usd_per_hour: "1.00", tokens_per_second: "100"}
        """;

    assertThatThrownBy(() -> new ConfigLoader(n -> Optional.empty()).parse(yaml, "t", dataDir))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .filteredOn(p -> p.startsWith("airgap:"))
            .hasSize(2)
            .anySatisfy(p -> assertThat(p).contains("'openai'", "api.openai.com"))
            .anySatisfy(p -> assertThat(p).contains("'anthropic'")));
  }

  /**
   * Records every connection the JVM's HTTP client and sockets (JDBC drivers included) ask the
   * default proxy selector about, across start-up, one plain and one streamed call, and the
   * bundled embedding model, tokenizers and price book. All of them must be to the on-prem
   * upstream. NIO socket channels do not consult the proxy selector; Gearbox opens none.
   */
  @Test
  void airgappedGateway_connectsOnlyToItsOnPremUpstream() throws Exception {
    ProxySelector original = ProxySelector.getDefault();
    Recording recording = new Recording();
    ProxySelector.setDefault(recording);
    int upstreamPort;
    try (GatewayHarness gateway = GatewayHarness.fromYaml("airgap: true\n" + EMBEDDED_DEFAULT,
        dataDir, Map.of())) {
      upstreamPort = gateway.app.simulator().orElseThrow().port();
      try (HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
          .build()) {
        for (boolean stream : List.of(false, true)) {
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                  gateway.uri("/v1/chat/completions"))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"stream\":"
                  + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
              .build(), HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).isEqualTo(200);
        }
      }
      assertThat(Embedder.miniLm().embed("bundled, not downloaded")).hasSize(384);
      assertThat(TokenCounter.o200k().count("bundled vocabulary")).isPositive();
      assertThat(PriceBook.bundled().price("sim-frontier")).isPresent();
    } finally {
      ProxySelector.setDefault(original);
    }

    assertThat(recording.asked).as("the recording sees the gateway's upstream calls")
        .isNotEmpty();
    assertThat(recording.asked).allSatisfy(uri -> {
      assertThat(uri.getHost()).isEqualTo("127.0.0.1");
      assertThat(uri.getPort()).isEqualTo(upstreamPort);
    });
  }

  private static final String EMBEDDED_DEFAULT = """
      simulator: {enabled: true, fast: true}
      providers:
        - {name: simulator, kind: openai-compatible, base_url: embedded, locality: on-prem}
      models:
        - {alias: sim-frontier, provider: simulator, tier: frontier}
        - {alias: sim-small, provider: simulator, tier: small, fallbacks: [sim-frontier]}
      routing: {default_model: sim-frontier}
      baseline_model: sim-frontier
      """;

  /** Answers "no proxy" to everything and remembers what it was asked. */
  private static final class Recording extends ProxySelector {
    final List<URI> asked = new CopyOnWriteArrayList<>();

    @Override
    public List<Proxy> select(URI uri) {
      asked.add(uri);
      return List.of(Proxy.NO_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
      asked.add(uri);
    }
  }
}
