package dev.gearbox.server;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.store.DatabaseConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** A real gateway on a random loopback port, for tests that talk to it over HTTP. */
final class GatewayHarness implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final GatewayApp app;
  final GatewayConfig config;

  private GatewayHarness(GatewayApp app, GatewayConfig config) {
    this.app = app;
    this.config = config;
  }

  /** The embedded default (two simulated tiers), with the simulator answering at once. */
  static GatewayHarness embeddedDefault(Path dataDir) {
    GatewayConfig config = new ConfigLoader(name -> Optional.empty()).loadEmbeddedDefault(dataDir);
    return start(config.withSimulator(new GatewayConfig.Simulator(true, 0, true)), dataDir,
        Map.of());
  }

  /** A gateway on the given YAML, with environment variables as given. */
  static GatewayHarness fromYaml(String yaml, Path dataDir, Map<String, String> env) {
    GatewayConfig config =
        new ConfigLoader(name -> Optional.ofNullable(env.get(name))).parse(yaml, "test", dataDir);
    return start(config, dataDir, env);
  }

  /**
   * The YAML of a gateway with one model of each upstream kind, both at {@code baseUrl} (a test
   * upstream that speaks both APIs): {@code compat} (OpenAI-compatible) and {@code messages}
   * (Anthropic), small tier, no retries. {@code prices} is the flow mapping of each model's
   * price, and {@code extra} more YAML to append (keys, say).
   */
  static String bothKinds(Object baseUrl, String compatPrice, String messagesPrice,
      String extra) {
    return """
        providers:
          - {name: compat, kind: openai-compatible, base_url: %1$s, max_retries: 0}
          - {name: messages, kind: anthropic, base_url: %1$s, max_retries: 0}
        models:
          - {alias: compat, provider: compat, tier: small}
          - {alias: messages, provider: messages, tier: small}
        prices:
          compat: %2$s
          messages: %3$s
        """.formatted(baseUrl, compatPrice, messagesPrice) + extra;
  }

  /**
   * The YAML of a gateway whose every {@code auto} request tries the small tier first (a cascade
   * band over all scores) and escalates to the frontier when the small answer fails a check.
   */
  static String cascading(Object smallUrl, Object frontierUrl) {
    return """
        providers:
          - {name: broken, kind: openai-compatible, base_url: %s, max_retries: 0}
          - {name: big, kind: openai-compatible, base_url: %s, max_retries: 0}
        models:
          - {alias: frontier, provider: big, tier: frontier}
          - {alias: small, provider: broken, tier: small}
        routing:
          router: bundled
          cascade_band: [0.0, 1.0]
          small_model: small
          frontier_model: frontier
        prices:
          frontier: {input_per_million: "10", output_per_million: "30"}
          small: {input_per_million: "0.5", output_per_million: "0.5"}
        """.formatted(smallUrl, frontierUrl);
  }

  /** POSTs a JSON body to {@code path}. */
  HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static GatewayHarness start(GatewayConfig config, Path dataDir, Map<String, String> env) {
    GatewayConfig onFreePort =
        config.withPort(0).withDataDir(dataDir, new DatabaseConfig.Sqlite(dataDir));
    GatewayApp app = GatewayApp.start(onFreePort, name -> Optional.ofNullable(env.get(name)),
        Clock.systemUTC());
    return new GatewayHarness(app, onFreePort);
  }

  /** Base URL for OpenAI SDKs: {@code http://127.0.0.1:PORT/v1}. */
  String openAiBaseUrl() {
    return root() + "/v1";
  }

  /** Base URL for Anthropic SDKs: the server root. */
  String root() {
    return "http://127.0.0.1:" + app.port();
  }

  URI uri(String path) {
    return URI.create(root() + path);
  }

  @Override
  public void close() {
    app.close();
  }
}
