package dev.gearbox.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.audit.SessionReport.DepthLine;
import dev.gearbox.audit.SessionReport.Node;
import dev.gearbox.audit.SessionReport.Totals;
import dev.gearbox.cost.UsdText;
import dev.gearbox.wire.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A {@link SessionReport} as a text tree for a terminal, or as JSON for the admin API (money as
 * plain decimal strings, {@link UsdText}).
 */
public final class SessionRendering {
  private static final int USD_PLACES = 6;

  private SessionRendering() {}

  public static String text(SessionReport report) {
    StringBuilder out = new StringBuilder();
    Totals t = report.totals();
    out.append("session ").append(report.sessionId()).append(": ").append(t.calls())
        .append(t.calls() == 1 ? " call, " : " calls, ")
        .append(t.inputTokens()).append(" prompt + ").append(t.outputTokens())
        .append(" answer tokens, cost $").append(usd(t.costUsd()))
        .append(", saved $").append(usd(t.savedUsd()))
        .append(" (all-frontier: $").append(usd(t.counterfactualUsd())).append(")\n\n");
    out.append("calls (model, tier, prompt -> answer tokens, cost, saved):\n");
    for (Node root : report.roots()) {
      line(out, root, "", "");
    }
    out.append("\nprompt tokens by depth:\n");
    out.append(String.format("  %-6s %6s %10s %10s %10s%n", "depth", "calls", "total", "average",
        "max"));
    for (DepthLine d : report.byDepth()) {
      out.append(String.format("  %-6d %6d %10d %10d %10d%n", d.depth(), d.calls(),
          d.promptTokens(), d.averagePromptTokens(), d.maxPromptTokens()));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, Node node, String lead, String childLead) {
    SessionCall c = node.call();
    out.append(lead).append(c.callId())
        .append("  ").append(c.model())
        .append(c.tier().map(t -> " " + t).orElse(""))
        .append(c.status() == 200 ? "" : "  status " + c.status())
        .append("  ").append(c.inputTokens()).append(" -> ").append(c.outputTokens())
        .append("  $").append(usd(c.costUsd()))
        .append("  saved $").append(usd(c.savedUsd()))
        .append(c.compression().map(z -> "  compressed " + z.method() + " " + z.tokensBefore()
            + " -> " + z.tokensAfter()).orElse(""))
        .append('\n');
    List<Node> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      line(out, children.get(i), childLead + (last ? "└─ " : "├─ "),
          childLead + (last ? "   " : "│  "));
    }
  }

  public static ObjectNode json(SessionReport report) {
    ObjectNode root = Json.MAPPER.createObjectNode().put("session_id", report.sessionId());
    Totals t = report.totals();
    root.putObject("totals")
        .put("calls", t.calls())
        .put("input_tokens", t.inputTokens())
        .put("output_tokens", t.outputTokens())
        .put("cost_usd", UsdText.plain(t.costUsd()))
        .put("counterfactual_usd", UsdText.plain(t.counterfactualUsd()))
        .put("saved_usd", UsdText.plain(t.savedUsd()));
    ArrayNode calls = root.putArray("calls");
    report.roots().forEach(node -> calls.add(node(node)));
    ArrayNode depths = root.putArray("prompt_tokens_by_depth");
    for (DepthLine d : report.byDepth()) {
      depths.addObject()
          .put("depth", d.depth())
          .put("calls", d.calls())
          .put("prompt_tokens", d.promptTokens())
          .put("average_prompt_tokens", d.averagePromptTokens())
          .put("max_prompt_tokens", d.maxPromptTokens());
    }
    return root;
  }

  private static ObjectNode node(Node node) {
    SessionCall c = node.call();
    ObjectNode json = Json.MAPPER.createObjectNode()
        .put("call_id", c.callId())
        .put("request_id", c.requestId())
        .put("at", c.at().toString())
        .put("depth", node.depth())
        .put("model", c.model())
        .put("status", c.status())
        .put("input_tokens", c.inputTokens())
        .put("output_tokens", c.outputTokens())
        .put("cost_usd", UsdText.plain(c.costUsd()))
        .put("counterfactual_usd", UsdText.plain(c.counterfactualUsd()))
        .put("saved_usd", UsdText.plain(c.savedUsd()));
    c.parentCallId().ifPresent(p -> json.put("parent_call_id", p));
    c.tier().ifPresent(t -> json.put("tier", t));
    c.compression().ifPresent(z -> json.putObject("compression").put("method", z.method())
        .put("tokens_before", z.tokensBefore()).put("tokens_after", z.tokensAfter()));
    ArrayNode children = json.putArray("children");
    node.children().forEach(child -> children.add(node(child)));
    return json;
  }

  private static String usd(BigDecimal amount) {
    return amount.setScale(USD_PLACES, RoundingMode.HALF_UP).toPlainString();
  }
}
