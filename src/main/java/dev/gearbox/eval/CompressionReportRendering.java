package dev.gearbox.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A {@link CompressionReport} as a table for people or JSON for scripts. In JSON,
 * {@code token_reduction} is prompt tokens before over after (mean, p50, p95 over calls) and
 * {@code facts_kept} the share of needed facts kept; both also per prompt size under
 * {@code by_size}.
 */
public final class CompressionReportRendering {
  private static final String ROW = "%-11s %7s %6s %10s %15s %7s %7s %7s %10s %7s %12s%n";

  private CompressionReportRendering() {}

  public static String table(CompressionReport report) {
    StringBuilder out = new StringBuilder();
    out.append("Context compression on ").append(report.dataset()).append('\n');
    out.append(String.format(Locale.ROOT, "target model %s (%s); calls over %d prompt tokens;"
            + " keep_last_turns %d; target_ratio %.2f%n%n", report.targetModel(),
        report.tokenizer(), report.minPromptTokens(), report.keepLastTurns(),
        report.targetRatio()));
    out.append(String.format(Locale.ROOT, ROW, "method", "over", "calls", "compressed",
        "tokens (mean)", "mean", "p50", "p95", "facts kept", "losing", "saved/call"));
    for (MethodResult method : report.methods()) {
      String name = method.method().configName();
      for (SizeBucket bucket : method.buckets()) {
        out.append(row(name, bucket));
        name = "";
      }
      if (method.summaryCalls() > 0) {
        out.append(String.format(Locale.ROOT, "%-11s %d summary calls, $%s%n", "",
            method.summaryCalls(), usd(method.summaryCostUsd())));
      }
    }
    out.append("\nreduction = prompt tokens before / after, per call; facts kept = share of the"
        + " ids, amounts, dates and names\nof later tool calls and gold actions still in the"
        + " context; losing = calls that lost at least one.\n");
    return out.toString();
  }

  private static String row(String name, SizeBucket b) {
    return String.format(Locale.ROOT, ROW, name, b.overTokens(), b.calls(), b.compressed(),
        "%.0f -> %.0f".formatted(b.tokensBeforeMean(), b.tokensAfterMean()),
        times(b.tokenReduction().mean()), times(b.tokenReduction().p50()),
        times(b.tokenReduction().p95()),
        String.format(Locale.ROOT, "%.2f%%", 100 * b.factsKeptShare()),
        b.callsLosingFacts(), "$" + usd(b.savedUsdPerCall()));
  }

  public static ObjectNode json(CompressionReport report) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("dataset", report.dataset());
    root.put("target_model", report.targetModel());
    root.put("tokenizer", report.tokenizer());
    root.put("min_prompt_tokens", report.minPromptTokens());
    root.put("keep_last_turns", report.keepLastTurns());
    root.put("target_ratio", report.targetRatio());
    var methods = root.putArray("methods");
    for (MethodResult method : report.methods()) {
      ObjectNode node = methods.addObject();
      node.put("method", method.method().configName());
      bucket(node, method.overall());
      node.put("summary_calls", method.summaryCalls());
      node.put("summary_cost_usd", usd(method.summaryCostUsd()));
      var sizes = node.putArray("by_size");
      method.buckets().forEach(b -> bucket(sizes.addObject(), b));
    }
    return root;
  }

  private static void bucket(ObjectNode node, SizeBucket b) {
    node.put("over_tokens", b.overTokens());
    node.put("calls", b.calls());
    node.put("compressed", b.compressed());
    node.put("tokens_before_mean", round(b.tokensBeforeMean(), 1));
    node.put("tokens_after_mean", round(b.tokensAfterMean(), 1));
    ObjectNode reduction = node.putObject("token_reduction");
    reduction.put("mean", round(b.tokenReduction().mean(), 3));
    reduction.put("p50", round(b.tokenReduction().p50(), 3));
    reduction.put("p95", round(b.tokenReduction().p95(), 3));
    node.put("facts_kept", round(b.factsKeptShare(), 5));
    node.put("facts_needed", b.factsNeeded());
    node.put("facts_lost", b.factsNeeded() - b.factsKept());
    node.put("calls_losing_facts", b.callsLosingFacts());
    node.put("saved_usd_per_call", usd(b.savedUsdPerCall()));
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }

  private static double round(double value, int places) {
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static String usd(BigDecimal usd) {
    return usd.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
  }
}
