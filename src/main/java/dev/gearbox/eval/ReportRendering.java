package dev.gearbox.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.Json;
import java.util.Locale;

/**
 * Renders an {@link EvalReport} as a text table for people and as JSON for programs. In the
 * JSON each policy is one top-level object named after it ({@code router}, {@code random},
 * {@code oracle}, ...), with {@code apgr} and the frontier share at each operating point.
 */
public final class ReportRendering {
  private ReportRendering() {}

  /** A fixed-width table: one row per policy, the random band and notes beneath. */
  public static String text(EvalReport report) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "%s: %d requests; small %s (quality %.3f), frontier %s (quality %.3f)%n",
        report.dataset(), report.requests(), report.smallModel(), report.smallQuality(),
        report.frontierModel(), report.frontierQuality()));
    out.append(String.format(Locale.ROOT,
        "%d-fold cross-validated; 95%% bootstrap intervals (%d resamples); random band %s%n%n",
        report.folds(), report.bootstrapSamples(), interval(report.randomBand())));
    out.append(String.format(Locale.ROOT,
        "%-16s %-7s %-6s %-15s %-9s %-15s %-14s %-14s %-14s %-14s%n", "policy", "mode", "APGR",
        "95% CI", "APGR-cost", "95% CI", "50% of gap", "80% of gap", "95% of gap",
        "95% quality"));
    for (PolicyReport p : report.policies()) {
      out.append(String.format(Locale.ROOT, "%-16s %-7s %-6.3f %-15s %-9.3f %-15s", p.name(),
          p.mode(), p.apgr(), p.apgrCi().map(ReportRendering::interval).orElse("-"),
          p.apgrOnCost(), p.apgrOnCostCi().map(ReportRendering::interval).orElse("-")));
      for (OperatingPoint point : p.points()) {
        out.append(' ').append(String.format(Locale.ROOT, "%-14s", cell(point)));
      }
      out.append(System.lineSeparator());
    }
    out.append(System.lineSeparator())
        .append("cells: share of requests sent to the frontier (share of all-frontier cost"
            + " saved)").append(System.lineSeparator());
    for (String note : report.notes()) {
      out.append("note: ").append(note).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String cell(OperatingPoint point) {
    if (!point.reached()) {
      return "not reached";
    }
    return String.format(Locale.ROOT, "%4.1f%% (%+.0f%%)", 100 * point.frontierShare(),
        100 * point.costSaved());
  }

  private static String interval(Interval interval) {
    return String.format(Locale.ROOT, "[%.3f, %.3f]", interval.low(), interval.high());
  }

  /** The same numbers as JSON. */
  public static ObjectNode json(EvalReport report) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode data = root.putObject("dataset");
    data.put("name", report.dataset());
    data.put("requests", report.requests());
    data.put("small_model", report.smallModel());
    data.put("frontier_model", report.frontierModel());
    data.put("small_quality", report.smallQuality());
    data.put("frontier_quality", report.frontierQuality());
    data.put("folds", report.folds());
    data.put("bootstrap_samples", report.bootstrapSamples());
    putInterval(data, "random_band", report.randomBand());
    ArrayNode notes = data.putArray("notes");
    report.notes().forEach(notes::add);
    for (PolicyReport p : report.policies()) {
      root.set(p.name(), policy(p));
    }
    return root;
  }

  private static ObjectNode policy(PolicyReport p) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("mode", p.mode());
    node.put("apgr", p.apgr());
    p.apgrCi().ifPresent(ci -> putInterval(node, "apgr_ci", ci));
    node.put("apgr_cost", p.apgrOnCost());
    p.apgrOnCostCi().ifPresent(ci -> putInterval(node, "apgr_cost_ci", ci));
    for (OperatingPoint point : p.points()) {
      String key = point.goal().startsWith("gap_")
          ? "share_for_" + point.goal().substring(4) + "pct_gap"
          : "share_for_" + point.goal().substring(8) + "pct_quality";
      if (point.reached()) {
        node.put(key, point.frontierShare());
      } else {
        node.putNull(key);
      }
      ObjectNode detail = node.with("operating_points").putObject(point.goal());
      detail.put("reached", point.reached());
      detail.put("frontier_share", point.frontierShare());
      detail.put("quality", point.quality());
      detail.put("cost_saved", point.costSaved());
      detail.put("saved_usd_per_1k_requests", point.savedUsdPer1k());
    }
    return node;
  }

  private static void putInterval(ObjectNode node, String name, Interval interval) {
    node.putArray(name).add(interval.low()).add(interval.high());
  }
}
