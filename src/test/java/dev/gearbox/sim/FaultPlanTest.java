package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  private static final Fault UNAVAILABLE = new Fault.HttpError(503);
  private static final Fault LIMITED = new Fault.RateLimit(1);

  @Test
  void countedRules_fireInOrderThenStop() {
    SimModel model =
        SimModel.of("m", "gpt-4-1106-preview")
            .withFaults(List.of(FaultRule.first(2, UNAVAILABLE), FaultRule.first(1, LIMITED)));
    FaultPlan plan = new FaultPlan(SimConfig.defaults().withModels(List.of(model)));

    List<Optional<Fault>> faults = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      faults.add(plan.next(model));
    }

    assertThat(faults)
        .containsExactly(
            Optional.of(UNAVAILABLE),
            Optional.of(UNAVAILABLE),
            Optional.of(LIMITED),
            Optional.empty(),
            Optional.empty());
  }

  @Test
  void probabilityRule_failsAboutThatShareAndTheSameRequestsEachRun() {
    SimModel model =
        SimModel.of("m", "gpt-4-1106-preview")
            .withFaults(List.of(FaultRule.withProbability(0.25, LIMITED)));
    SimConfig config = SimConfig.defaults().withModels(List.of(model));

    List<Boolean> first = draws(new FaultPlan(config), model);
    List<Boolean> second = draws(new FaultPlan(config), model);

    assertThat(first).isEqualTo(second);
    assertThat(first.stream().filter(b -> b).count()).isBetween(30L, 70L);
  }

  @Test
  void unconfiguredModel_neverFails() {
    FaultPlan plan = new FaultPlan(SimConfig.defaults());

    assertThat(plan.next(SimModel.of("other", "gpt-4o"))).isEmpty();
  }

  private static List<Boolean> draws(FaultPlan plan, SimModel model) {
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      failed.add(plan.next(model).isPresent());
    }
    return failed;
  }
}
