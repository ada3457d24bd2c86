package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.cost.PriceBook;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The provider configurations shipped in docs/providers load and price every model. */
class ExampleConfigsTest {
  private static final Path DIR = Path.of("docs", "providers");

  @TempDir Path dataDir;

  private GatewayConfig load(String name) {
    ConfigLoader loader = new ConfigLoader(env -> Optional.of("test-key-for-" + env));
    return loader.load(Optional.of(DIR.resolve(name)), dataDir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ollama.yaml", "vllm.yaml", "openai.yaml", "anthropic.yaml"})
  void exampleConfig_loadsWithOneSmallAndOneFrontierTierAllPriced(String name) {
    GatewayConfig config = load(name);

    assertThat(config.models()).extracting(ModelSpec::tier)
        .containsExactlyInAnyOrder(Tier.SMALL, Tier.FRONTIER);
    assertThat(config.usesEmbeddedSimulator()).isFalse();
    PriceBook prices = PriceBook.bundled().withOverrides(config.priceOverrides());
    for (ModelSpec model : config.models()) {
      assertThat(prices.price(model.alias()).or(() -> prices.price(model.upstreamModel())))
          .as("price of %s in %s", model.alias(), name).isPresent();
    }
    assertThat(config.model(config.baselineModel()).orElseThrow().tier())
        .isEqualTo(Tier.FRONTIER);
    assertThat(config.routing().tiers()).as("auto is routed between the tiers in " + name)
        .hasValueSatisfying(t -> assertThat(t.router()).contains("bundled"));
  }

  @Test
  void everyFileInTheFolder_isCovered() throws Exception {
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of("anthropic.yaml", "ollama.yaml", "openai.yaml", "vllm.yaml"));
    }
  }
}
