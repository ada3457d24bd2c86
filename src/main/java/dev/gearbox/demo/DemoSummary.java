package dev.gearbox.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.cost.Counterfactual;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The figures of one demo run. Counts, costs and latencies are read from the gateway's ledger;
 * quality from the recorded outcomes of the models that answered (see {@link QualityScorer}).
 *
 * @param planned requests in the traffic mix
 * @param sent requests actually sent (a failed first turn skips its second)
 * @param answered requests answered with HTTP 200
 * @param requestsByKind requests sent per kind of traffic, in a fixed order
 * @param routes where the requests were answered from, as the ledger says
 * @param falseHits answers whose text was not the recorded answer to the question asked,
 *     checked where the sets keep answer texts (GSM8K, MT-Bench): cache hits on another question
 * @param costUsd what the run cost, from the ledger
 * @param counterfactualUsd what the same requests would have cost on the frontier model alone
 * @param frontierAvoidedPercent answered requests that no frontier model call was needed for
 * @param compressedCalls requests whose prompt the gateway compressed before sending it
 * @param tokensRemoved prompt tokens compression left out, over all of them
 * @param gatewayAddedP50Ms median time the gateway added on top of the upstream's
 * @param audit the audit log's verification verdict, when the gateway keeps one
 */
public record DemoSummary(
    long seed,
    int clients,
    long elapsedMs,
    int planned,
    int sent,
    int answered,
    Map<String, Integer> requestsByKind,
    List<RouteShare> routes,
    int falseHits,
    List<QualityLine> quality,
    BigDecimal costUsd,
    BigDecimal counterfactualUsd,
    double frontierAvoidedPercent,
    int compressedCalls,
    long tokensRemoved,
    long gatewayAddedP50Ms,
    long gatewayAddedP99Ms,
    Optional<String> audit) {

  public DemoSummary {
    requestsByKind = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requestsByKind));
    routes = List.copyOf(routes);
    quality = List.copyOf(quality);
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(counterfactualUsd, "counterfactualUsd");
    Objects.requireNonNull(audit, "audit");
  }

  /** Requests answered from one place, and their share of all requests sent. */
  public record RouteShare(String route, int requests, double percent) {}

  /**
   * Quality on one recorded set: the routed answers' score against the all-frontier score on
   * the same questions.
   *
   * @param measure {@code correct %} (right/wrong sets) or {@code mean grade} (1-10 judge)
   */
  public record QualityLine(
      String set, String measure, int answers, double routed, double allFrontier) {}

  public BigDecimal savedUsd() {
    return Counterfactual.saved(costUsd, counterfactualUsd);
  }

  /** Saved as a share of the all-frontier cost, one decimal; empty when that cost is zero. */
  public Optional<BigDecimal> savedPercent() {
    if (counterfactualUsd.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(savedUsd().multiply(BigDecimal.valueOf(100))
        .divide(counterfactualUsd, 1, RoundingMode.HALF_UP));
  }

  /** The summary as the terminal shows it. */
  public String table() {
    return SummaryText.render(this);
  }

  /** The summary as JSON, for scripts. */
  public ObjectNode json() {
    return SummaryJson.render(this);
  }
}
