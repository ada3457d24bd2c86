package dev.gearbox.compress;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.embed.Embedder;
import dev.gearbox.provider.Capabilities;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Tier;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Shared pieces of the compression tests: one embedding model per JVM, models, settings. */
final class Fixtures {
  static final ModelSpec FRONTIER = model("frontier", Tier.FRONTIER);
  static final ModelSpec SMALL = model("small", Tier.SMALL);

  /** $10 per million input tokens, so a saving is easy to check by hand. */
  static final TokenPricer TEN_PER_MILLION =
      (model, tokens) -> BigDecimal.TEN.multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);

  private Fixtures() {}

  private static final class Shared {
    static final Embedder EMBEDDER = Embedder.miniLm();
  }

  static Embedder embedder() {
    return Shared.EMBEDDER;
  }

  static ModelSpec model(String alias, Tier tier) {
    return new ModelSpec(alias, "upstream", alias, 128_000, tier,
        new Capabilities(true, true, true, true), "cl100k_base");
  }

  static CompressionSettings settings(CompressionMethod method, int minPromptTokens) {
    return new CompressionSettings(true, method, minPromptTokens, 1, Set.of(Tier.FRONTIER),
        CompressionSettings.DEFAULT_TARGET_RATIO, CompressionSettings.DEFAULT_SENTENCE_KEEP_SHARE,
        Optional.of("sim-small"), 200, 100);
  }

  static ContextCompressor stage(CompressionMethod method, int minPromptTokens) {
    return new ContextCompressor(settings(method, minPromptTokens), Fixtures::embedder,
        TEN_PER_MILLION);
  }

  /** The embedded default configuration: two simulated tiers. */
  static GatewayConfig embeddedDefault(Path dataDir) {
    return new ConfigLoader(name -> Optional.empty()).loadEmbeddedDefault(dataDir);
  }
}
