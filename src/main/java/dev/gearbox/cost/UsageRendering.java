package dev.gearbox.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Renders a {@link UsageSummary} as a text table (for the terminal) or as JSON. */
public final class UsageRendering {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TABLE_USD_SCALE = 6;
  private static final String ROW = "%-24s %9s %12s %12s %14s %14s %14s %8s%n";

  private UsageRendering() {}

  /**
   * The summary as JSON: window, totals, and one array per grouping. Money as plain decimal
   * strings ({@link UsdText}); a saving is negative where the requests cost more than the
   * baseline would have.
   */
  public static ObjectNode json(UsageSummary summary) {
    ObjectNode root = JSON.createObjectNode();
    root.put("from", summary.window().from().map(Instant::toString).orElse(null));
    root.put("to", summary.window().to().map(Instant::toString).orElse(null));
    root.set("total", line(summary.total()));
    ObjectNode groups = root.putObject("by");
    for (Map.Entry<UsageGrouping, List<UsageLine>> group : summary.groups().entrySet()) {
      ArrayNode lines = groups.putArray(group.getKey().label());
      group.getValue().forEach(l -> lines.add(line(l)));
    }
    return root;
  }

  /** The summary as aligned text tables, one per grouping, each ending with the total. */
  public static String table(UsageSummary summary) {
    StringBuilder out = new StringBuilder();
    out.append("Usage ").append(windowText(summary.window())).append('\n');
    if (summary.groups().isEmpty()) {
      out.append('\n').append(header("")).append(row(summary.total()));
    }
    summary.groups().forEach((grouping, lines) -> {
      out.append('\n').append(header("by " + grouping.label()));
      lines.forEach(l -> out.append(row(l)));
      out.append(row(summary.total()));
    });
    return out.toString();
  }

  private static ObjectNode line(UsageLine l) {
    ObjectNode node = JSON.createObjectNode();
    node.put("group", l.group());
    node.put("requests", l.requests());
    node.put("input_tokens", l.inputTokens());
    node.put("output_tokens", l.outputTokens());
    node.put("cost_usd", UsdText.plain(l.costUsd()));
    node.put("counterfactual_usd", UsdText.plain(l.counterfactualUsd()));
    node.put("saved_usd", UsdText.plain(l.savedUsd()));
    node.put("saved_percent", l.savedPercent().orElse(null));
    return node;
  }

  private static String header(String title) {
    return String.format(ROW, title, "requests", "input tok", "output tok", "cost $",
        "counterfact. $", "saved $", "saved %");
  }

  private static String row(UsageLine l) {
    return String.format(ROW, l.group(), l.requests(), l.inputTokens(), l.outputTokens(),
        usd(l.costUsd()), usd(l.counterfactualUsd()), usd(l.savedUsd()),
        l.savedPercent().map(p -> p.toPlainString() + "%").orElse("-"));
  }

  private static String usd(BigDecimal amount) {
    return amount.setScale(TABLE_USD_SCALE, RoundingMode.HALF_UP).toPlainString();
  }

  private static String windowText(UsageWindow window) {
    if (window.from().isEmpty() && window.to().isEmpty()) {
      return "(all time)";
    }
    return window.from().map(Instant::toString).orElse("start") + " .. "
        + window.to().map(Instant::toString).orElse("now");
  }
}
