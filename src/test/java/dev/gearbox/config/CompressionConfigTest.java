package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.compress.CompressionMethod;
import dev.gearbox.compress.CompressionSettings;
import dev.gearbox.provider.Tier;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompressionConfigTest {
  private static final Path DATA = Path.of("target/test-data");
  private static final String MODELS = """
      providers:
        - {name: local, kind: openai-compatible, base_url: "http://127.0.0.1:8000/v1"}
      models:
        - {alias: big, provider: local, tier: frontier}
        - {alias: little, provider: local, tier: small}
      prices:
        big: {input_per_million: "10", output_per_million: "30"}
        little: {input_per_million: "0.2", output_per_million: "0.6"}
      """;

  private final ConfigLoader loader = new ConfigLoader(name -> Optional.empty());

  private GatewayConfig parse(String yaml) {
    return loader.parse(yaml, "gearbox.yaml", DATA);
  }

  @Test
  void absentSection_switchesTheStageOff() {
    CompressionSettings settings = parse(MODELS).compression();

    assertThat(settings.enabled()).isFalse();
    assertThat(settings.applies(Tier.FRONTIER, 1_000_000)).isFalse();
  }

  @Test
  void emptySection_turnsItOnWithDefaults() {
    CompressionSettings settings = parse(MODELS + "compression: {}\n").compression();

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.method()).isEqualTo(CompressionMethod.EXTRACTIVE);
    assertThat(settings.minPromptTokens()).isEqualTo(8000);
    assertThat(settings.keepLastTurns()).isEqualTo(1);
    assertThat(settings.tiers()).containsExactly(Tier.FRONTIER);
    assertThat(settings.summaryModel()).contains("little");
  }

  @Test
  void everyKey_isRead() {
    CompressionSettings settings = parse(MODELS + """
        compression:
          enabled: true
          method: summary
          min_prompt_tokens: 3000
          keep_last_turns: 2
          tiers: [frontier, small]
          target_ratio: 0.5
          sentence_keep_share: 0.3
          summary_model: big
          summary_max_tokens: 120
          cached_summaries: 50
        """).compression();

    assertThat(settings).isEqualTo(new CompressionSettings(true, CompressionMethod.SUMMARY, 3000,
        2, Set.of(Tier.FRONTIER, Tier.SMALL), 0.5, 0.3, Optional.of("big"), 120, 50));
  }

  @Test
  void badValues_areReportedTogether() {
    assertThatThrownBy(() -> parse(MODELS + """
        compression:
          method: abstractive
          min_prompt_tokens: -1
          target_ratio: 1.5
          tiers: [medium]
          summary_model: nobody
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("compression.method must be extractive or summary")
        .hasMessageContaining("compression.min_prompt_tokens must be at least 0")
        .hasMessageContaining("compression.target_ratio must be above 0 and at most 1")
        .hasMessageContaining("compression.tiers: each must be small or frontier")
        .hasMessageContaining("compression.summary_model 'nobody' is not a configured model");
  }

  @Test
  void summaryWithoutASmallModel_isRefused() {
    String frontierOnly = MODELS.replace("tier: small", "tier: frontier");

    assertThatThrownBy(() -> parse(frontierOnly + "compression: {method: summary}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("compression.method summary needs a model to write summaries");
  }

  @Test
  void misspeltKey_isRejected() {
    assertThatThrownBy(() -> parse(MODELS + "compression: {min_tokens: 10}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'min_tokens'");
  }

  @Test
  void embeddedDefault_compressesAgentContextsOver4000Tokens() {
    CompressionSettings settings = loader.loadEmbeddedDefault(DATA).compression();

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.method()).isEqualTo(CompressionMethod.EXTRACTIVE);
    assertThat(settings.minPromptTokens()).isEqualTo(4000);
    assertThat(settings.summaryModel()).contains("sim-small");
  }
}
