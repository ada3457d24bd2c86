package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.cache.TemperaturePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheConfigTest {
  private static final Path DATA = Path.of("gearbox-data");
  private static final String MODELS = """
      providers:
        - {name: local, kind: openai-compatible, base_url: "http://localhost:11434/v1"}
      models:
        - {alias: small, provider: local, tier: small}
      """;

  private final ConfigLoader loader = new ConfigLoader(name -> Optional.empty());

  private GatewayConfig parse(String cache) {
    return loader.parse(MODELS + cache, "gearbox.yaml", DATA);
  }

  @Test
  void noCacheSection_meansNoCache() {
    assertThat(parse("").cache().enabled()).isFalse();
  }

  @Test
  void aBareSection_turnsOnTheExactCacheWithDefaults() {
    GatewayConfig.Cache cache = parse("cache: {}\n").cache();

    assertThat(cache.enabled()).isTrue();
    assertThat(cache.ttl()).isEqualTo(Duration.ofHours(24));
    assertThat(cache.maxEntries()).isEqualTo(10_000);
    assertThat(cache.semantic().enabled()).isFalse();
  }

  @Test
  void everyKey_isRead() {
    GatewayConfig.Cache cache = parse("""
        cache:
          ttl: 90m
          max_entries: 500
          semantic: {max_false_hit_rate: 0.05, temperature_policy: zero_only}
        """).cache();

    assertThat(cache.ttl()).isEqualTo(Duration.ofMinutes(90));
    assertThat(cache.maxEntries()).isEqualTo(500);
    assertThat(cache.semantic().enabled()).isTrue();
    assertThat(cache.semantic().maxFalseHitRate()).isEqualTo(0.05);
    assertThat(cache.semantic().policy()).isEqualTo(TemperaturePolicy.ZERO_ONLY);
  }

  @Test
  void badValues_areAllReported() {
    assertThatThrownBy(() -> parse("""
        cache:
          ttl: forever
          max_entries: 0
          semantic: {max_false_hit_rate: 2, temperature_policy: sometimes}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cache.ttl")
        .hasMessageContaining("cache.max_entries")
        .hasMessageContaining("cache.semantic.max_false_hit_rate")
        .hasMessageContaining("cache.semantic.temperature_policy");
  }

  @Test
  void aMisspeltKey_isRefused() {
    assertThatThrownBy(() -> parse("cache: {tll: 1h}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tll");
  }
}
