package dev.gearbox.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import dev.gearbox.provider.Capabilities;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Tier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutePlannerTest {
  private static final ModelSpec SMALL = new ModelSpec("small", "p", "small", 4096, Tier.SMALL,
      new Capabilities(false, false, false, false), "cl100k_base");
  private static final ModelSpec FRONTIER = new ModelSpec("frontier", "p", "frontier", 128_000,
      Tier.FRONTIER, new Capabilities(true, true, true, true), "cl100k_base");
  private static final String SHORT = "What is 2 + 2?";
  private static final String LONG = "Please review this design document carefully. ".repeat(12);

  private final HashingEmbedder embedder = new HashingEmbedder();

  /** Threshold 0.5 (frontier share 0.5 of the calibration scores); score 0.5 at 120 chars. */
  private RoutePlanner planner(Optional<CascadeBand> band, Map<String, Tier> keyTiers) {
    Router router = new Router(Routers.byLength(120, new double[] {0.2, 0.4, 0.6, 0.8}),
        new QualityTarget.FrontierShare(0.5), band);
    RoutingPolicy policy =
        new RoutingPolicy(Optional.of(router), "small", "frontier", keyTiers);
    return new RoutePlanner(List.of(SMALL, FRONTIER), Map.of("small", List.of("frontier")),
        "frontier", Optional.of(policy));
  }

  private RouteHints hints(String key, Optional<String> tier) {
    return new RouteHints(key, tier, () -> embedder.embed("any"));
  }

  private static ChatRequest ask(String model, String text) {
    return ChatRequest.of(model, List.of(Message.text(Role.USER, text)));
  }

  @Test
  void explicitModel_passesThrough_withoutEmbedding() {
    RoutePlan plan = planner(Optional.empty(), Map.of())
        .plan(ask("frontier", SHORT), hints("k", Optional.of("small")));
    assertThat(plan.chosen()).isEqualTo(FRONTIER);
    assertThat(plan.reason()).isEqualTo("explicit");
    assertThat(plan.score()).isEmpty();
    assertThat(embedder.calls()).isZero();
  }

  @Test
  void shortPrompt_scoresAboveThreshold_goesSmall_validated() {
    RoutePlan plan = planner(Optional.empty(), Map.of()).plan(ask("auto", SHORT),
        hints("k", Optional.empty()));
    assertThat(plan.chosen()).isEqualTo(SMALL);
    assertThat(plan.reason()).isEqualTo("classifier");
    assertThat(plan.score().orElseThrow().score()).isGreaterThan(0.5);
    assertThat(plan.score().orElseThrow().threshold()).isEqualTo(0.5);
    assertThat(plan.candidates()).containsExactly(SMALL);
    assertThat(plan.escalation()).containsExactly(FRONTIER);
    assertThat(plan.cascade()).isFalse();
  }

  @Test
  void routerReadingTermsOnly_neverComputesThePromptVector() {
    planner(Optional.empty(), Map.of()).plan(ask("auto", SHORT), hints("k", Optional.empty()));
    planner(Optional.empty(), Map.of()).plan(ask("auto", LONG), hints("k", Optional.empty()));
    assertThat(embedder.calls()).isZero();
  }

  @Test
  void longPrompt_scoresBelowThreshold_goesFrontier() {
    RoutePlan plan = planner(Optional.empty(), Map.of()).plan(ask("auto", LONG),
        hints("k", Optional.empty()));
    assertThat(plan.chosen()).isEqualTo(FRONTIER);
    assertThat(plan.score().orElseThrow().score()).isLessThan(0.5);
    assertThat(plan.validates()).isFalse();
  }

  @Test
  void scoreInsideTheBand_triesSmallFirstAsACascade() {
    RoutePlan plan = planner(Optional.of(new CascadeBand(0.0, 0.99)), Map.of())
        .plan(ask("auto", LONG), hints("k", Optional.empty()));
    assertThat(plan.chosen()).isEqualTo(SMALL);
    assertThat(plan.reason()).isEqualTo("classifier-unsure");
    assertThat(plan.cascade()).isTrue();
    assertThat(plan.escalation()).containsExactly(FRONTIER);
  }

  @Test
  void headerPin_winsOverTheClassifier() {
    RoutePlan plan = planner(Optional.empty(), Map.of()).plan(ask("auto", LONG),
        hints("k", Optional.of("Small")));
    assertThat(plan.chosen()).isEqualTo(SMALL);
    assertThat(plan.reason()).isEqualTo("pinned-by-header");
    assertThat(embedder.calls()).isZero();
  }

  @Test
  void keyPolicy_winsOverTheHeader() {
    RoutePlan plan = planner(Optional.empty(), Map.of("team-a", Tier.FRONTIER))
        .plan(ask("auto", SHORT), hints("team-a", Optional.of("small")));
    assertThat(plan.chosen()).isEqualTo(FRONTIER);
    assertThat(plan.reason()).isEqualTo("pinned-by-key");
  }

  @Test
  void unknownTierInTheHeader_isAClearClientError() {
    assertThatThrownBy(() -> planner(Optional.empty(), Map.of())
        .plan(ask("auto", SHORT), hints("k", Optional.of("medium"))))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error()).isInstanceOf(GatewayError.InvalidRequest.class);
          assertThat(e.error().message()).contains("x-gearbox-tier").contains("medium");
        });
  }

  @Test
  void requestNeedingTools_theSmallModelLacks_goesFrontierByRule() {
    ChatRequest withTools = new ChatRequest("auto", List.of(Message.text(Role.USER, SHORT)),
        List.of(new Tool("lookup", Optional.empty(), JsonNodeFactory.instance.objectNode())),
        Optional.empty(), Optional.empty(), Sampling.DEFAULT, false, false);
    RoutePlan plan = planner(Optional.empty(), Map.of()).plan(withTools,
        hints("k", Optional.empty()));
    assertThat(plan.chosen()).isEqualTo(FRONTIER);
    assertThat(plan.reason()).isEqualTo("rule: small model no tool support");
    assertThat(embedder.calls()).isZero();
  }

  @Test
  void promptLongerThanTheSmallWindow_goesFrontierByRule() {
    String huge = "word ".repeat(6000);
    RoutePlan plan = planner(Optional.empty(), Map.of()).plan(ask("auto", huge),
        hints("k", Optional.empty()));
    assertThat(plan.chosen()).isEqualTo(FRONTIER);
    assertThat(plan.reason()).startsWith("rule: small model prompt of");
  }

  @Test
  void promptWhoseBytesPassTheWindowButWhoseTokensFit_isNotRefusedByTheRule() {
    String text = "word ".repeat(1000);  // 5,000 bytes, about 1,000 tokens: fits 4,096
    RoutePlan plan = planner(Optional.empty(), Map.of()).plan(ask("auto", text),
        hints("k", Optional.empty()));
    assertThat(plan.reason()).startsWith("classifier");
  }

  @Test
  void withoutPolicy_autoKeepsMeaningTheDefaultModel() {
    RoutePlanner plain = new RoutePlanner(List.of(SMALL, FRONTIER), Map.of(), "frontier");
    RoutePlan plan = plain.plan(ask("auto", SHORT), hints("k", Optional.of("small")));
    assertThat(plan.chosen()).isEqualTo(FRONTIER);
    assertThat(plan.reason()).isEqualTo("default-model");
  }
}
