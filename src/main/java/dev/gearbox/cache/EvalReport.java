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
    TradeOff pairGuarded,
    TradeOff pairUnguarded,
    Map<GuardKind, Integer> refusals,
    List<TradeOff> sweep,
    List<WrongHit> wrongHits) {

  /** A wrong hit at the threshold (guarded): what was asked and what it was served. */
  public record WrongHit(double similarity, String asked, String served, boolean labelledPair) {}

  public EvalReport {
    Objects.requireNonNull(pairsFile, "pairsFile");
    Objects.requireNonNull(thresholdSource, "thresholdSource");
    Objects.requireNonNull(guarded, "guarded");
    Objects.requireNonNull(unguarded, "unguarded");
    Objects.requireNonNull(pairGuarded, "pairGuarded");
    Objects.requireNonNull(pairUnguarded, "pairUnguarded");
    refusals = Map.copyOf(refusals);
    sweep = List.copyOf(sweep);
    wrongHits = List.copyOf(wrongHits);
  }

  /**
   * The report of {@code queries} at {@code threshold}, with a sweep over {@code others} and the
   * {@code examples} most similar wrong hits.
   */
  public static EvalReport of(String pairsFile, String thresholdSource, List<ScoredQuery> queries,
      double threshold, List<Double> others, int examples) {
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
      sweep.add(TradeOff.ofPairs(queries, t, true));
    }
    return new EvalReport(pairsFile, thresholdSource, TradeOff.of(queries, threshold, true),
        TradeOff.of(queries, threshold, false), TradeOff.ofPairs(queries, threshold, true),
        TradeOff.ofPairs(queries, threshold, false), refusals, sweep,
        wrongHits(queries, threshold, examples));
  }

  private static List<WrongHit> wrongHits(List<ScoredQuery> queries, double threshold, int n) {
    List<WrongHit> wrong = new ArrayList<>();
    for (ScoredQuery query : queries) {
      query.servedAt(threshold, true).filter(c -> !c.right()).ifPresent(c -> wrong.add(
          new WrongHit(c.similarity(), query.text(), c.text(),
              query.ownPair().map(p -> p.text().equals(c.text())).orElse(false))));
    }
    wrong.sort(java.util.Comparator.comparingDouble(WrongHit::similarity).reversed());
    return wrong.subList(0, Math.min(n, wrong.size()));
  }

  /** The JSON form: the guarded figures at the top level, the unguarded under "unguarded". */
  public ObjectNode json() {
    ObjectNode root = figures(guarded);
    root.put("pairs_file", pairsFile);
    root.put("threshold_source", thresholdSource);
    root.set("unguarded", figures(unguarded));
    ObjectNode pairs = figures(pairGuarded);
    pairs.set("unguarded", figures(pairUnguarded));
    root.set("per_pair", pairs);
    ObjectNode refused = root.putObject("guard_refusals");
    for (GuardKind kind : GuardKind.values()) {
      refused.put(kind.label(), refusals.getOrDefault(kind, 0));
    }
    if (!sweep.isEmpty()) {
      ArrayNode rows = root.putArray("sweep");
      sweep.forEach(t -> rows.add(figures(t).put("guarded", t.guarded())
          .put("per_pair", t.pairwise())));
    }
    if (!wrongHits.isEmpty()) {
      ArrayNode rows = root.putArray("wrong_hit_examples");
      wrongHits.forEach(w -> rows.addObject().put("similarity", round(w.similarity()))
          .put("asked", w.asked()).put("served", w.served())
          .put("own_pair_labelled_different", w.labelledPair()));
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
    out.append("against the whole cache (every text_a cached, each text_b looked up):\n");
    out.append(line("  guarded  ", guarded)).append(line("  unguarded", unguarded));
    out.append("pair by pair (each text_b against its own text_a only):\n");
    out.append(line("  guarded  ", pairGuarded)).append(line("  unguarded", pairUnguarded));
    out.append("guard refusals at the threshold:");
    for (GuardKind kind : GuardKind.values()) {
      out.append(' ').append(kind.label()).append('=').append(refusals.getOrDefault(kind, 0));
    }
    out.append('\n');
    for (WrongHit w : wrongHits) {
      out.append(String.format(Locale.ROOT, "wrong hit %.3f%s: %s -> %s%n", w.similarity(),
          w.labelledPair() ? " (its own pair, labelled different)" : "", w.asked(), w.served()));
    }
    if (!sweep.isEmpty()) {
      out.append("\nthreshold  guards  counted    hit_rate_on_duplicates  false_hit_rate"
          + "  non_duplicate_hit_rate\n");
      for (TradeOff t : sweep) {
        out.append(String.format(Locale.ROOT, "%9.3f  %-6s  %-9s  %22.3f  %14.4f  %22.4f%n",
            t.threshold(), t.guarded() ? "on" : "off", t.pairwise() ? "per pair" : "cache",
            t.hitRateOnDuplicates(), t.falseHitRate(), t.hitRateOnOthers()));
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
