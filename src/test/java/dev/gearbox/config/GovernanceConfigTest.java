package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.audit.AuditSettings;
import dev.gearbox.policy.DataPolicy;
import dev.gearbox.provider.Locality;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The air-gap, data-label and audit sections of the configuration. */
class GovernanceConfigTest {
  private static final String BASE = """
      providers:
        - {name: local, kind: openai-compatible, base_url: "http://127.0.0.1:11434/v1"}
      models:
        - {alias: small, provider: local, upstream_model: "llama3.1:8b", tier: small}
      prices:
        "llama3.1:8b": {gpu_usd_per_hour: "1.00", tokens_per_second: "100"}
      """;

  @Test
  void withoutSections_standardLabelsAndQuietAuditApply() {
    GatewayConfig config = parse(BASE);

    assertThat(config.policy()).isEqualTo(DataPolicy.STANDARD);
    assertThat(config.policy().allowedFor(config.policy().label("restricted").orElseThrow()))
        .containsExactly(Locality.ON_PREM);
    assertThat(config.audit()).isEqualTo(AuditSettings.DEFAULTS);
    assertThat(config.audit().logContent()).isFalse();
  }

  @Test
  void customLabelsWithoutRules_keepTheMostSensitiveOnPrem() {
    GatewayConfig config = parse(BASE + """
        data_labels:
          order: [open, team, secret]
          default: team
        keys:
          - {id: spy, key_env: SPY_KEY, data_label: secret}
        """);

    DataPolicy policy = config.policy();
    assertThat(policy.defaultLabel().name()).isEqualTo("team");
    assertThat(policy.allowedFor(policy.label("secret").orElseThrow()))
        .containsExactly(Locality.ON_PREM);
    assertThat(policy.allowedFor(policy.label("open").orElseThrow()))
        .isEqualTo(Set.of(Locality.ON_PREM, Locality.EXTERNAL));
    assertThat(config.keys().getFirst().dataLabel()).map(l -> l.name()).contains("secret");
  }

  @Test
  void explicitRules_andAuditSettings_areRead() {
    GatewayConfig config = parse(BASE + """
        data_labels:
          order: [public, internal, restricted]
          allow:
            public: [on-prem, external]
            internal: [on-prem]
            restricted: [on-prem]
        audit: {log_content: true, checkpoint_every: 10, checkpoint_interval_ms: 5000}
        """);

    assertThat(config.policy().allowedFor(config.policy().label("internal").orElseThrow()))
        .containsExactly(Locality.ON_PREM);
    assertThat(config.audit()).isEqualTo(new AuditSettings(true, 10, Duration.ofSeconds(5)));
  }

  @Test
  void everyPolicyMistake_isReportedAtOnce() {
    String yaml = BASE + """
        data_labels:
          order: [public, restricted]
          default: private
          allow:
            public: [on-prem, cloud]
            secret: [on-prem]
        audit: {checkpoint_every: 0}
        keys:
          - {id: k, key_env: K, data_label: classified}
        """;

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("data_labels.default 'private'"))
            .anySatisfy(p -> assertThat(p).contains("'cloud' is not on-prem or external"))
            .anySatisfy(p -> assertThat(p).contains("data_labels.allow.restricted must list"))
            .anySatisfy(p -> assertThat(p).contains("allow names 'secret'"))
            .anySatisfy(p -> assertThat(p).contains("checkpoint_every must be at least 1"))
            .anySatisfy(p -> assertThat(p).contains("data_label 'classified' is not a label",
                "known: public, restricted")));
  }

  /** Otherwise a client raising its request's label would send it to more places, not fewer. */
  @Test
  void aMoreSensitiveLabelThatWidensWhereDataGoes_isRefused() {
    assertThatThrownBy(() -> parse(BASE + """
        data_labels:
          order: [public, internal, restricted]
          allow:
            public: [on-prem, external]
            internal: [on-prem]
            restricted: [on-prem, external]
        """))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("label 'restricted' allows external",
                "less sensitive 'internal' does not")));
  }

  @Test
  void labelNamedTwice_isRefused() {
    assertThatThrownBy(() -> parse(BASE + "data_labels: {order: [a, b, a]}\n"))
        .hasMessageContaining("names a label twice");
  }

  private static GatewayConfig parse(String yaml) {
    Map<String, String> env = Map.of("SPY_KEY", "s3cret", "K", "k3y");
    return new ConfigLoader(name -> Optional.ofNullable(env.get(name)))
        .parse(yaml, "test", Path.of("unused"));
  }
}
