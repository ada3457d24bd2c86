package dev.gearbox.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** Renders a {@link DemoSummary} as the aligned text table the terminal shows. */
final class SummaryText {
  private static final String ROW = "  %-26s %s%n";
  private static final int LINE_WIDTH = 90;

  private SummaryText() {}

  static String render(DemoSummary s) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Gearbox demo: %d requests from %d clients in %s"
        + " (seed %d)%n%n", s.sent(), s.clients(), duration(s.elapsedMs()), s.seed()));
    out.append(String.format(Locale.ROOT, ROW, "requests", Integer.toString(s.sent())));
    out.append(wrapped(kinds(s), "    ", LINE_WIDTH));
    out.append("  answered from\n");
    for (DemoSummary.RouteShare route : s.routes()) {
      out.append(String.format(Locale.ROOT, "    %-24s %5d  %5.1f %%%n",
          route.route(), route.requests(), route.percent()));
    }
    out.append(String.format(Locale.ROOT, "    %-24s %5d  (answers to another question)%n",
        "cache false hits", s.falseHits()));
    quality(out, s.quality());
    out.append(String.format(Locale.ROOT, ROW, "cost", usd(s.costUsd())));
    out.append(String.format(Locale.ROOT, ROW, "all-frontier cost", usd(s.counterfactualUsd())));
    out.append(String.format(Locale.ROOT, ROW, "saved", usd(s.savedUsd()) + "   "
        + s.savedPercent().map(p -> p.toPlainString() + " %").orElse("-")));
    out.append(String.format(Locale.ROOT, ROW, "frontier calls avoided",
        String.format(Locale.ROOT, "%.1f %%", s.frontierAvoidedPercent())));
    out.append(String.format(Locale.ROOT, ROW, "context compression", s.compressedCalls() == 0
        ? "none" : String.format(Locale.ROOT, "%d calls, %,d prompt tokens left out",
            s.compressedCalls(), s.tokensRemoved())));
    out.append(String.format(Locale.ROOT, ROW, "latency added by gateway",
        "p50 " + s.gatewayAddedP50Ms() + " ms, p99 " + s.gatewayAddedP99Ms() + " ms"));
    s.audit().ifPresent(a -> out.append(String.format(Locale.ROOT, ROW, "audit chain", a)));
    return out.toString();
  }

  private static void quality(StringBuilder out, List<DemoSummary.QualityLine> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out.append(String.format(Locale.ROOT, "  %-33s %8s %13s %8s%n",
        "quality (recorded outcomes)", "routed", "all-frontier", "answers"));
    for (DemoSummary.QualityLine q : lines) {
      String format = q.measure().endsWith("%") ? "%.1f" : "%.2f";
      out.append(String.format(Locale.ROOT, "    %-31s %8s %13s %8d%n",
          q.set() + " " + q.measure(), String.format(Locale.ROOT, format, q.routed()),
          String.format(Locale.ROOT, format, q.allFrontier()), q.answers()));
    }
  }

  private static List<String> kinds(DemoSummary s) {
    return s.requestsByKind().entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + e.getValue())
        .toList();
  }

  /** The items joined by commas, in lines of at most {@code width}, each indented. */
  static String wrapped(List<String> items, String indent, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i) + (i < items.size() - 1 ? "," : "");
      if (line.length() > indent.length() && line.length() + 1 + item.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(item);
    }
    return out.append(line).append('\n').toString();
  }

  /** US dollars to four decimals: a demo run costs cents to dollars. */
  static String usd(BigDecimal amount) {
    return "$" + amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  static String duration(long ms) {
    long seconds = Math.round(ms / 1000.0);
    return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
  }
}
