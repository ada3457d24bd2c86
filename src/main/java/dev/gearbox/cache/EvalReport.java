package dev.gearbox.cache;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code gearbox cache-eval} reports: the threshold used and where it came from, the
 * guarded and unguarded trade-off at it, which guards refused how many neighbours, and
 * optionally the trade-off at other thresholds.
 */
public record EvalReport(
    String pairsFile,
    String thresholdSource,
    TradeOff guarded,
    TradeOff unguarded,
    Map<GuardKind, Integer> refusals,
    List<TradeOff> sweep) {

  public EvalReport {
    Objects.requireNonNull(pairsFile, "pairsFile");
    Objects.requireNonNull(thresholdSource, "thresholdSource");
    Objects.requireNonNull(guarded, "guarded");
    Objects.requireNonNull(unguarded, "unguarded");
    refusals = Map.copyOf(refusals);
    sweep = List.copyOf(sweep);
  }

  /** The report of {@code queries} at {@code threshold}, with a sweep over {@code others}. */
  public static EvalReport of(String pairsFile, String thresholdSource, List<ScoredQuery> queries,
      double threshold, List<Double> others) {
    Map<GuardKind, Integer> refusals = new EnumMap<>(GuardKind.class);
    for (ScoredQuery query : queries) {
      query.servedAt(threshold, false)
          .flatMap(ScoredQuery.Candidate::refusedBy)
          .ifPresent(kind -> refusals.merge(kind, 1, Integer::sum));
    }
    List<TradeOff> sweep = new ArrayList<>();
    for (double t : others) {
      sweep.add(TradeOff.of(queries, t, true));
      sweep.add(TradeOff.of(queries, t, false));
    }
    return new EvalReport(pairsFile, thresholdSource, TradeOff.of(queries, threshold, true),
        TradeOff.of(queries, threshold, false), refusals, sweep);
  }

  /** The JSON form: the guarded figures at the top level, the unguarded under "unguarded". */
  public ObjectNode json() {
    ObjectNode root = figures(guarded);
    root.put("pairs_file", pairsFile);
    root.put("threshold_source", thresholdSource);
    root.set("unguarded", figures(unguarded));
    ObjectNode refused = root.putObject("guard_refusals");
    for (GuardKind kind : GuardKind.values()) {
      refused.put(kind.label(), refusals.getOrDefault(kind, 0));
    }
    if (!sweep.isEmpty()) {
      ArrayNode rows = root.putArray("sweep");
      sweep.forEach(t -> rows.add(figures(t).put("guarded", t.guarded())));
    }
    return root;
  }

  private static ObjectNode figures(TradeOff t) {
    return Json.MAPPER.createObjectNode()
        .put("threshold", t.threshold())
        .put("hit_rate_on_duplicates", round(t.hitRateOnDuplicates()))
        .put("false_hit_rate", round(t.falseHitRate()))
        .put("false_hit_rate_upper95", round(t.falseHitRateUpper95()))
        .put("non_duplicate_hit_rate", round(t.hitRateOnOthers()))
        .put("pairs", t.duplicates() + t.others())
        .put("duplicates", t.duplicates())
        .put("hits", t.hits())
        .put("wrong_hits", t.wrongHits());
  }

  /** The human form: a few lines and, with a sweep, a table. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("pairs: ").append(pairsFile).append(" (").append(guarded.duplicates())
        .append(" duplicates, ").append(guarded.others()).append(" non-duplicates)\n");
    out.append("threshold: ").append(thresholdSource).append('\n');
    out.append(line("guarded  ", guarded)).append(line("unguarded", unguarded));
    out.append("guard refusals at the threshold:");
    for (GuardKind kind : GuardKind.values()) {
      out.append(' ').append(kind.label()).append('=').append(refusals.getOrDefault(kind, 0));
    }
    out.append('\n');
    if (!sweep.isEmpty()) {
      out.append("\nthreshold  guards  hit_rate_on_duplicates  false_hit_rate"
          + "  non_duplicate_hit_rate\n");
      for (TradeOff t : sweep) {
        out.append(String.format(Locale.ROOT, "%9.3f  %-6s  %22.3f  %14.4f  %22.4f%n",
            t.threshold(), t.guarded() ? "on" : "off", t.hitRateOnDuplicates(),
            t.falseHitRate(), t.hitRateOnOthers()));
      }
    }
    return out.toString();
  }

  private static String line(String label, TradeOff t) {
    return String.format(Locale.ROOT,
        "%s at %.3f: hit_rate_on_duplicates %.3f  false_hit_rate %.4f (%d of %d hits wrong,"
            + " 95%% upper bound %.4f)  non_duplicate_hit_rate %.4f%n",
        label, t.threshold(), t.hitRateOnDuplicates(), t.falseHitRate(), t.wrongHits(),
        t.hits(), t.falseHitRateUpper95(), t.hitRateOnOthers());
  }

  private static double round(double value) {
    return Math.round(value * 1e4) / 1e4;
  }
}
