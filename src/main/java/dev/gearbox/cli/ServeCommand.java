package dev.gearbox.cli;

import dev.gearbox.config.GatewayConfig;
import dev.gearbox.provider.ProviderSpec;
import dev.gearbox.server.GatewayApp;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.store.DatabaseConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gearbox serve}: runs the gateway until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the gateway (OpenAI and Anthropic APIs) until stopped with Ctrl-C.")
final class ServeCommand implements Runnable {
  @Mixin CommonOptions common;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 8080).")
  Integer port;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    GatewayConfig config = common.load();
    if (port != null) {
      config = config.withPort(port);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (GatewayApp app = start(config)) {
      announce(config, app, spec.commandLine().getOut());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        app.close();
        stopped.countDown();
      }, "gearbox-shutdown"));
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static GatewayApp start(GatewayConfig config) {
    try {
      return GatewayApp.start(config, name -> Optional.ofNullable(System.getenv(name)),
          Clock.systemUTC());
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).contains("Address already in use")
          || e.getCause() instanceof java.net.BindException) {
        throw new FriendlyErrors.UserError("port " + config.server().port()
            + " is already in use; choose another with --port N", e);
      }
      throw e;
    }
  }

  private static String routingLine(GatewayConfig.Routing routing) {
    if (routing.tiers().isEmpty()) {
      return "auto goes to " + routing.defaultModel();
    }
    GatewayConfig.TierRouting tiers = routing.tiers().get();
    return "auto picks " + tiers.smallModel() + " or " + tiers.frontierModel()
        + tiers.router().map(r -> " with the " + r + " router (" + tiers.target().describe()
            + ")" + tiers.cascadeBand().map(b -> ", cascade when unsure").orElse(""))
            .orElse(" by rules");
  }

  private static String cacheLine(GatewayConfig.Cache cache) {
    if (!cache.enabled()) {
      return "off";
    }
    return cache.semantic().enabled()
        ? String.format(java.util.Locale.ROOT, "exact and semantic (false hits held under %.1f%%),"
            + " in process and in the database", 100 * cache.semantic().maxFalseHitRate())
        : "exact, in process and in the database";
  }

  /**
   * What the banner says of a built-in simulator the configuration uses, whichever configuration
   * that is: the providers it stands in for and the recorded models it replays.
   */
  static List<String> upstreamLines(GatewayConfig config) {
    if (!config.usesEmbeddedSimulator()) {
      return List.of();
    }
    String providers = config.providers().stream()
        .filter(p -> p.baseUrl().equals(GatewayConfig.EMBEDDED_SIMULATOR))
        .map(ProviderSpec::name).collect(Collectors.joining(", "));
    String models = SimConfig.defaults().models().stream()
        .map(m -> m.name() + " (recorded answers of " + m.recordedModel() + ")")
        .collect(Collectors.joining(" and "));
    return List.of(
        "  upstream: the built-in simulator, started in-process for provider " + providers
            + (config.simulator().fast() ? " without simulated latency" : "") + ", serving "
            + models + ".",
        "  To use real models instead: a provider with your model server's base_url, as in"
            + " docs/providers/ollama.yaml (or vllm, openai, anthropic .yaml; see README).");
  }

  private static void announce(GatewayConfig config, GatewayApp app, PrintWriter out) {
    String base = "http://" + config.server().host() + ":" + app.port();
    out.println("Gearbox is serving on " + base + "  (config: " + config.source() + ")");
    out.println("  OpenAI API:    " + base + "/v1/chat/completions");
    out.println("  Anthropic API: " + base + "/v1/messages");
    out.println("  models: auto, " + String.join(", ",
        config.models().stream().map(m -> m.alias() + " (" + m.tier().name().toLowerCase(
            java.util.Locale.ROOT) + ")").toList()));
    out.println("  ledger: " + switch (config.database()) {
      case DatabaseConfig.Sqlite sqlite -> "SQLite " + sqlite.file();
      case DatabaseConfig.Postgres postgres -> "PostgreSQL " + postgres.jdbcUrl();
    });
    out.println("  routing: " + routingLine(config.routing()));
    out.println("  cache: " + cacheLine(config.cache()));
    out.println("  compression: " + (config.compression().enabled()
        ? config.compression().method().configName() + ", prompts over "
            + config.compression().minPromptTokens() + " tokens"
        : "off"));
    out.println("  audit log: same database; verify with: gearbox audit verify --data-dir "
        + config.dataDir() + (config.audit().logContent() ? "  (content logging ON)" : ""));
    if (config.policy().airgap()) {
      out.println("  air-gapped: on-prem providers only");
    }
    upstreamLines(config).forEach(out::println);
    if (!config.authenticationRequired()) {
      out.println("  No API keys configured: accepting requests without a key, from loopback"
          + " only.");
    }
    String key = config.authenticationRequired() ? " -H 'authorization: Bearer YOUR-KEY'" : "";
    out.println("Try: curl -s " + base + "/v1/chat/completions -H 'content-type: application/json'"
        + key + " -d '{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"Hello\"}]}'");
    out.flush();
  }
}
