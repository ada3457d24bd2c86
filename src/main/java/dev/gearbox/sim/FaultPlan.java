package dev.gearbox.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Decides which configured fault, if any, the next request to a model gets. Counted rules are
 * used up in order; a probabilistic rule draws from a generator seeded by (seed, model, request
 * number), so a run with the same seed and the same request order fails the same requests.
 */
final class FaultPlan {
  private final long seed;
  private final Map<String, ModelFaults> byModel = new HashMap<>();

  private static final class ModelFaults {
    final List<FaultRule> rules;
    final int[] remaining;
    long requests;

    ModelFaults(List<FaultRule> rules) {
      this.rules = rules;
      this.remaining = rules.stream().mapToInt(FaultRule::count).toArray();
    }
  }

  FaultPlan(SimConfig config) {
    this.seed = config.seed();
    for (SimModel model : config.models()) {
      byModel.put(model.name(), new ModelFaults(model.faults()));
    }
  }

  /** The configured fault of this request to {@code model}, counting the request. */
  synchronized Optional<Fault> next(SimModel model) {
    ModelFaults faults = byModel.get(model.name());
    if (faults == null) {
      return Optional.empty();
    }
    long request = faults.requests++;
    for (int i = 0; i < faults.rules.size(); i++) {
      FaultRule rule = faults.rules.get(i);
      if (rule.count() > 0 && faults.remaining[i] > 0) {
        faults.remaining[i]--;
        return Optional.of(rule.fault());
      }
      if (rule.probability() > 0 && draw(model.name(), request, i) < rule.probability()) {
        return Optional.of(rule.fault());
      }
    }
    return Optional.empty();
  }

  private double draw(String model, long request, int rule) {
    return new SplittableRandom(
            seed ^ Seeds.of(model, Long.toString(request), Integer.toString(rule)))
        .nextDouble();
  }
}
