package dev.gearbox.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.cost.UsdText;
import dev.gearbox.wire.Json;

/**
 * Renders a {@link DemoSummary} as JSON: the same figures as the table, unrounded; money as plain
 * decimal strings ({@link UsdText}).
 */
final class SummaryJson {
  private SummaryJson() {}

  static ObjectNode render(DemoSummary s) {
    ObjectNode json = Json.MAPPER.createObjectNode()
        .put("seed", s.seed())
        .put("clients", s.clients())
        .put("elapsed_ms", s.elapsedMs())
        .put("requests_planned", s.planned())
        .put("requests", s.sent())
        .put("answered", s.answered());
    ObjectNode kinds = json.putObject("requests_by_kind");
    s.requestsByKind().forEach(kinds::put);
    ArrayNode routes = json.putArray("routes");
    s.routes().forEach(r -> routes.addObject().put("route", r.route())
        .put("requests", r.requests()).put("percent", r.percent()));
    json.put("false_cache_hits", s.falseHits());
    ArrayNode quality = json.putArray("quality");
    s.quality().forEach(q -> quality.addObject().put("set", q.set()).put("measure", q.measure())
        .put("answers", q.answers()).put("routed", q.routed())
        .put("all_frontier", q.allFrontier()));
    json.put("cost_usd", UsdText.plain(s.costUsd()))
        .put("all_frontier_cost_usd", UsdText.plain(s.counterfactualUsd()))
        .put("saved_usd", UsdText.plain(s.savedUsd()));
    s.savedPercent().ifPresent(p -> json.put("saved_percent", p));
    json.put("frontier_calls_avoided_percent", s.frontierAvoidedPercent())
        .put("compressed_calls", s.compressedCalls())
        .put("compression_tokens_removed", s.tokensRemoved())
        .put("gateway_added_latency_p50_ms", s.gatewayAddedP50Ms())
        .put("gateway_added_latency_p99_ms", s.gatewayAddedP99Ms());
    s.audit().ifPresent(a -> json.put("audit", a));
    return json;
  }
}
