package dev.gearbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code serve} says of its upstream, for the embedded default and for a user's own file. */
class ServeBannerTest {
  @TempDir Path dataDir;

  private final ConfigLoader loader = new ConfigLoader(name -> Optional.empty());

  @Test
  void ownConfigWithTheSimulator_saysTheBuiltInSimulator_notTheEmbeddedDefault() {
    GatewayConfig own = loader.parse("""
        simulator: {enabled: true, fast: true}
        providers: [{name: local-sim, kind: openai-compatible, base_url: embedded}]
        models:
          - {alias: big, provider: local-sim, tier: frontier, upstream_model: sim-frontier}
          - {alias: little, provider: local-sim, tier: small, upstream_model: sim-small}
        baseline_model: big
        """, "mine.yaml", dataDir);

    String banner = String.join("\n", ServeCommand.upstreamLines(own));

    assertThat(banner).contains("upstream: the built-in simulator, started in-process for"
        + " provider local-sim without simulated latency",
        "sim-frontier (recorded answers of gpt-4-1106-preview)").doesNotContain("embedded default");
  }

  @Test
  void embeddedDefault_saysTheSame() {
    String banner = String.join("\n",
        ServeCommand.upstreamLines(loader.loadEmbeddedDefault(dataDir)));

    assertThat(banner).contains("upstream: the built-in simulator, started in-process",
        "sim-small (recorded answers of Mixtral").doesNotContain("embedded default");
  }

  @Test
  void configWithoutTheSimulator_saysNothingOfIt() {
    GatewayConfig real = loader.parse("""
        providers: [{name: ollama, kind: openai-compatible, base_url: "http://127.0.0.1:11434/v1"}]
        models:
          - {alias: llama, provider: ollama, tier: frontier}
        """, "real.yaml", dataDir);

    assertThat(ServeCommand.upstreamLines(real)).isEmpty();
  }
}
