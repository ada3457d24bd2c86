package dev.gearbox.eval;

import java.util.List;
import java.util.Optional;

/**
 * The evaluation of routing policies on one data set: what the two models achieve alone, each
 * policy's curve summary, the band random routing falls in, and plain-language notes (too few
 * examples, no signal beyond random).
 *
 * @param randomBand the central 95% of APGR values of random orderings of this set
 */
public record EvalReport(
    String dataset,
    int requests,
    String smallModel,
    String frontierModel,
    double smallQuality,
    double frontierQuality,
    int folds,
    int bootstrapSamples,
    Interval randomBand,
    List<PolicyReport> policies,
    List<String> notes) {

  public EvalReport {
    policies = List.copyOf(policies);
    notes = List.copyOf(notes);
  }

  public Optional<PolicyReport> policy(String name) {
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
