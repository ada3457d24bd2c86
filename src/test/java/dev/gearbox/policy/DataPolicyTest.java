package dev.gearbox.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.GatewayException;
import dev.gearbox.provider.Capabilities;
import dev.gearbox.provider.Locality;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.ProviderKind;
import dev.gearbox.provider.ProviderSpec;
import dev.gearbox.provider.Tier;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataPolicyTest {
  private final DataPolicy policy = DataPolicy.STANDARD;
  private final DataLabel internal = policy.label("internal").orElseThrow();
  private final DataLabel restricted = policy.label("restricted").orElseThrow();

  @Test
  void requestLabel_isTheHigherOfKeyAndHeader() {
    assertThat(policy.resolve(Optional.empty(), Optional.empty()).name()).isEqualTo("public");
    assertThat(policy.resolve(Optional.empty(), Optional.of("Restricted"))).isEqualTo(restricted);
    assertThat(policy.resolve(Optional.of(internal), Optional.of("restricted")))
        .isEqualTo(restricted);
    assertThat(policy.resolve(Optional.of(restricted), Optional.of("public")))
        .isEqualTo(restricted);
  }

  @Test
  void repeatedOrListedLabels_resolveToTheHighestNamed_soAProxysLabelCannotBeOutvoted() {
    assertThat(policy.resolve(Optional.empty(), List.of("public", "restricted")))
        .isEqualTo(restricted);
    assertThat(policy.resolve(Optional.empty(), List.of("restricted", "public")))
        .isEqualTo(restricted);
    assertThat(policy.resolve(Optional.empty(), List.of(" public , Internal ,")))
        .isEqualTo(internal);
    assertThat(policy.resolve(Optional.of(restricted), List.of("public", " ")))
        .isEqualTo(restricted);
    assertThatThrownBy(() -> policy.resolve(Optional.empty(), List.of("restricted", "cosmic")))
        .isInstanceOf(GatewayException.class);
  }

  @Test
  void airgap_allowsOnPremOnly_forEveryLabel_whateverTheLabelsSay() {
    DataPolicy airgapped = DataPolicy.standard(true);

    for (DataLabel label : airgapped.labels()) {
      assertThat(airgapped.allowedFor(label)).containsExactly(Locality.ON_PREM);
    }
    assertThat(DataPolicy.standard(false).allowedFor(internal))
        .containsExactlyInAnyOrder(Locality.ON_PREM, Locality.EXTERNAL);
  }

  @Test
  void aMoreSensitiveLabel_mayNotAllowWhatALessSensitiveOneForbids() {
    List<DataLabel> labels = DataPolicy.ranked(List.of("public", "internal", "restricted"));
    Set<Locality> anywhere = Set.of(Locality.ON_PREM, Locality.EXTERNAL);
    Set<Locality> onPrem = Set.of(Locality.ON_PREM);

    assertThatThrownBy(() -> new DataPolicy(false, labels, labels.getFirst(),
        Map.of("public", anywhere, "internal", onPrem, "restricted", anywhere)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 'restricted' allows external providers, which the less"
            + " sensitive 'internal' does not");
    assertThat(new DataPolicy(false, labels, labels.getFirst(),
        Map.of("public", anywhere, "internal", onPrem, "restricted", onPrem))).isNotNull();
  }

  @Test
  void unknownLabel_isAnInvalidRequestNamingTheKnownOnes() {
    assertThatThrownBy(() -> policy.resolve(Optional.empty(), Optional.of("cosmic")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error().httpStatus()).isEqualTo(400);
          assertThat(e.error().message()).contains("public, internal, restricted");
        });
  }

  @Test
  void screening_keepsAllowedCandidatesInOrder_andNamesTheExcluded() {
    PolicyGuard guard = new PolicyGuard(policy, List.of(
        provider("cloud", Locality.EXTERNAL), provider("rack", Locality.ON_PREM)));
    List<ModelSpec> chain = List.of(model("gpt", "cloud"), model("llama", "rack"),
        model("mystery", "not-configured"));

    Screening open = guard.screen(internal, chain);
    Screening closed = guard.screen(restricted, chain);

    assertThat(open.allowed()).extracting(ModelSpec::alias)
        .containsExactly("gpt", "llama", "mystery");
    assertThat(closed.allowed()).extracting(ModelSpec::alias).containsExactly("llama");
    assertThat(closed.excluded()).containsExactly("gpt (external)", "mystery (external)");
    assertThat(closed.note()).contains("data label restricted excluded gpt (external),"
        + " mystery (external)");
  }

  @Test
  void screeningWithNothingAllowed_refusesWithAForbiddenError() {
    PolicyGuard guard = new PolicyGuard(policy, List.of(provider("cloud", Locality.EXTERNAL)));

    Screening screening = guard.screen(restricted, List.of(model("gpt", "cloud")));

    assertThat(screening.refused()).isTrue();
    assertThat(screening.refusal().httpStatus()).isEqualTo(403);
    assertThat(screening.refusal().message())
        .contains("'restricted' allows on-prem providers only", "gpt (external)");
  }

  @Test
  void airgap_namesEveryExternalProvider() {
    List<ProviderSpec> providers = List.of(provider("cloud", Locality.EXTERNAL),
        provider("rack", Locality.ON_PREM), provider("other-cloud", Locality.EXTERNAL));

    assertThat(AirGap.problems(true, providers)).hasSize(2)
        .allSatisfy(p -> assertThat(p).startsWith("airgap: provider '"));
    assertThat(AirGap.problems(false, providers)).isEmpty();
  }

  private static ProviderSpec provider(String name, Locality locality) {
    return new ProviderSpec(name, ProviderKind.OPENAI_COMPATIBLE,
        URI.create("http://10.0.0.1:8000/v1"), Optional.empty(), locality, Duration.ofSeconds(1),
        Duration.ofSeconds(1), 0, Map.of());
  }

  private static ModelSpec model(String alias, String provider) {
    return new ModelSpec(alias, provider, alias, 8192, Tier.SMALL,
        new Capabilities(true, true, true, true), "cl100k_base");
  }
}
