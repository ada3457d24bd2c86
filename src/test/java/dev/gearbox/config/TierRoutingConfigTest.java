package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.provider.Tier;
import dev.gearbox.route.CascadeBand;
import dev.gearbox.route.QualityTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TierRoutingConfigTest {
  private static final String MODELS = """
      providers:
        - {name: p, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1"}
      models:
        - {alias: big, provider: p, tier: frontier}
        - {alias: tiny, provider: p, tier: small}
      keys:
        - {id: batch, key_env: BATCH_KEY}
      """;

  private static GatewayConfig parse(String routing) {
    return new ConfigLoader(name -> Optional.of("secret-" + name))
        .parse(MODELS + routing, "test", Path.of("data"));
  }

  @Test
  void withoutRoutingKeys_autoKeepsTheDefaultModel() {
    assertThat(parse("routing: {default_model: big}").routing().tiers()).isEmpty();
  }

  @Test
  void tiersComeFromTheModelsTiers_andTheTargetDefaultsToA95PercentFloor() {
    GatewayConfig.TierRouting tiers = parse("routing: {router: bundled}").routing().tiers()
        .orElseThrow();
    assertThat(tiers.smallModel()).isEqualTo("tiny");
    assertThat(tiers.frontierModel()).isEqualTo("big");
    assertThat(tiers.target()).isEqualTo(new QualityTarget.QualityFloor(0.95));
    assertThat(tiers.cascadeBand()).isEmpty();
  }

  @Test
  void everyKeyIsRead() {
    GatewayConfig.TierRouting tiers = parse("""
        routing:
          router: my-router.json
          target: {frontier_share: 0.25}
          cascade_band: [0.4, 0.7]
          small_model: tiny
          frontier_model: big
          key_tiers: {batch: small}
        """).routing().tiers().orElseThrow();
    assertThat(tiers.router()).contains("my-router.json");
    assertThat(tiers.target()).isEqualTo(new QualityTarget.FrontierShare(0.25));
    assertThat(tiers.cascadeBand()).contains(new CascadeBand(0.4, 0.7));
    assertThat(tiers.keyTiers()).isEqualTo(Map.of("batch", Tier.SMALL));
  }

  @Test
  void mistakes_areAllReportedTogether() {
    assertThatThrownBy(() -> parse("""
        routing:
          target: {quality_floor: 0.9, frontier_share: 0.2}
          cascade_band: [0.8, 0.2]
          small_model: nano
          key_tiers: {nobody: small, batch: medium}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("one of quality_floor or frontier_share")
        .hasMessageContaining("cascade_band")
        .hasMessageContaining("routing.small_model 'nano' is not a configured model")
        .hasMessageContaining("key 'nobody', which is not configured")
        .hasMessageContaining("must be small or frontier, got 'medium'");
  }

  @Test
  void unknownRoutingKey_isNamed() {
    assertThatThrownBy(() -> parse("routing: {casade_band: [0.1, 0.2]}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("casade_band");
  }
}
