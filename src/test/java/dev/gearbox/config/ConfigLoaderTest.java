package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.provider.Locality;
import dev.gearbox.provider.ProviderKind;
import dev.gearbox.provider.Tier;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final Path DATA = Path.of("target/test-data");

  private final ConfigLoader loader =
      new ConfigLoader(name -> Optional.ofNullable(Map.of("TEAM_KEY", "sk-team-secret").get(name)));

  @Test
  void embeddedDefault_servesTwoSimulatedTiersWithoutKeys() {
    GatewayConfig config = loader.loadEmbeddedDefault(DATA);

    assertThat(config.usesEmbeddedSimulator()).isTrue();
    assertThat(config.authenticationRequired()).isFalse();
    assertThat(config.model("sim-frontier").orElseThrow().tier()).isEqualTo(Tier.FRONTIER);
    assertThat(config.model("sim-small").orElseThrow().tier()).isEqualTo(Tier.SMALL);
    assertThat(config.fallbacks().get("sim-small")).containsExactly("sim-frontier");
    assertThat(config.baselineModel()).isEqualTo("sim-frontier");
  }

  @Test
  void unknownKey_isRejectedNamingTheKeyTheLineAndTheAllowedKeys() {
    String yaml = """
        server:
          port: 9090
          porrt: 1
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "gearbox.yaml", DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.yaml")
        .hasMessageContaining("line 3")
        .hasMessageContaining("'porrt'")
        .hasMessageContaining("port");
  }

  @Test
  void wrongType_isRejectedWithThePathAndNoJavaClassNames() {
    String yaml = """
        server:
          port: lots
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "gearbox.yaml", DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.port")
        .hasMessageNotContaining("java.lang");
  }

  @Test
  void corsOrigins_mustBeWebOrigins() {
    String yaml = """
        server:
          cors_origins: ["https://app.example.com", "http://localhost:3000", "*",
                         "app.example.com", "https://app.example.com/chat"]
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "gearbox.yaml", DATA))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems())
                .filteredOn(p -> p.startsWith("server.cors_origins"))
                .hasSize(2)
                .anyMatch(p -> p.contains("'app.example.com'"))
                .anyMatch(p -> p.contains("'https://app.example.com/chat'")));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml = """
        providers:
          - name: openai
            kind: openia
            base_url: https://api.openai.com/v1
        models:
          - alias: gpt
            provider: nowhere
          - alias: mini
            provider: openai
            tier: tiny
            fallbacks: [ghost]
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "gearbox.yaml", DATA))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems())
                .anyMatch(p -> p.contains("kind must be openai-compatible or anthropic"))
                .anyMatch(p -> p.contains("provider 'nowhere' is not configured"))
                .anyMatch(p -> p.contains("tier must be small or frontier"))
                .anyMatch(p -> p.contains("fallback 'ghost'")));
  }

  @Test
  void keysFromEnvironment_areStoredOnlyAsDigests() {
    String yaml = """
        providers:
          - name: local
            kind: openai-compatible
            base_url: http://localhost:11434/v1
        models:
          - alias: llama
            provider: local
            tier: small
        keys:
          - id: team-a
            key_env: TEAM_KEY
            tenant: acme
        """;

    GatewayConfig config = loader.parse(yaml, "gearbox.yaml", DATA);

    VirtualKey key = config.keys().getFirst();
    assertThat(key.tenant()).isEqualTo("acme");
    assertThat(HexFormat.of().formatHex(key.sha256()))
        .isEqualTo(HexFormat.of().formatHex(ConfigValidator.sha256("sk-team-secret")));
    assertThat(key.toString()).doesNotContain("sk-team-secret");
    assertThat(config.authenticationRequired()).isTrue();
  }

  @Test
  void localityDefaultsFromTheUrl_loopbackIsOnPremElseExternal() {
    String yaml = """
        providers:
          - name: ollama
            kind: ollama
            base_url: http://127.0.0.1:11434/v1/
          - name: anthropic
            kind: anthropic
            base_url: https://api.anthropic.com/v1
            api_key_env: ANTHROPIC_API_KEY
        models:
          - alias: small
            provider: ollama
            tier: small
          - alias: claude
            provider: anthropic
        """;

    GatewayConfig config = loader.parse(yaml, "gearbox.yaml", DATA);

    assertThat(config.provider("ollama").orElseThrow().locality()).isEqualTo(Locality.ON_PREM);
    assertThat(config.provider("ollama").orElseThrow().baseUrl().toString())
        .isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(config.provider("ollama").orElseThrow().kind())
        .isEqualTo(ProviderKind.OPENAI_COMPATIBLE);
    assertThat(config.provider("anthropic").orElseThrow().locality())
        .isEqualTo(Locality.EXTERNAL);
    assertThat(config.routing().defaultModel()).isEqualTo("claude");
  }

  @Test
  void credentialsInTheUrl_areRefusedSoTheyNeverReachALog() {
    String yaml = """
        providers:
          - name: p
            kind: openai-compatible
            base_url: https://user:sk-secret@example.com/v1
        models:
          - alias: m
            provider: p
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "gearbox.yaml", DATA))
        .hasMessageContaining("must not carry credentials")
        .hasMessageNotContaining("sk-secret");
  }

  @Test
  void oneBadModel_doesNotCascadeIntoErrorsAboutModelsThatReferToIt() {
    String yaml = """
        providers:
          - {name: local, kind: openai-compatible, base_url: http://localhost:8000/v1}
        models:
          - {alias: big, provider: typo, tier: frontier}
          - {alias: small, provider: local, tier: small, fallbacks: [big]}
        routing: {default_model: big}
        baseline_model: big
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "gearbox.yaml", DATA))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems())
                .singleElement()
                .asString()
                .contains("provider 'typo' is not configured"));
  }

  @Test
  void numberGivenAsWords_saysWhatWasExpected() {
    assertThatThrownBy(() -> loader.parse("server:\n  port: eighty\n", "gearbox.yaml", DATA))
        .hasMessageContaining("server.port")
        .hasMessageContaining("expected a whole number, got 'eighty'");
  }

  @Test
  void modelWithoutAnyProviders_saysTheSectionIsMissing_andNothingAboutADefaultNotGiven() {
    assertThatThrownBy(() -> loader.parse(
            "models:\n  - {alias: x, provider: nope, tier: small}\n", "gearbox.yaml", DATA))
        .hasMessageContaining("model 'x': provider 'nope' is not configured; the configuration"
            + " has no providers: section")
        .hasMessageNotContaining("default_model");
    assertThatThrownBy(() -> loader.parse(
            "models:\n  - {alias: x, tier: small}\n", "gearbox.yaml", DATA))
        .hasMessageContaining("model 'x' needs a provider");
  }
}
