package dev.gearbox.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.cost.Counterfactual;
import dev.gearbox.gateway.AuditedCall;
import dev.gearbox.gateway.CallContext;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a call into the body of its audit record (version {@value #VERSION}). Field names are
 * snake_case; absent values are left out, never written as null. Money is a plain decimal
 * string with twelve places (picodollars, as the ledger keeps it), so no float enters a hash.
 * {@code saved_usd} is {@code counterfactual_usd - cost_usd}, negative when the call cost more
 * than the baseline would have (a cascade that paid for a discarded small call); records written
 * before it could be negative hold zero there instead, so readers derive the saving from the two
 * amounts rather than trusting that field.
 *
 * <p>Privacy: with content logging off a record holds no prompt or answer text, only their
 * SHA-256 digests. Error messages are kept only for the gateway's own refusals, whose wording it
 * controls; an upstream's message may quote the prompt, so only its kind is kept.
 */
final class AuditRecords {
  static final int VERSION = 1;
  private static final int MONEY_SCALE = 12;

  private AuditRecords() {}

  /** The record body without {@code seq} and {@code prev}, which the log adds when it chains. */
  static ObjectNode body(AuditedCall call, boolean logContent) {
    CallContext context = call.context();
    ObjectNode body = ContentTrees.SNAKE.createObjectNode()
        .put("v", VERSION)
        .put("request_id", context.requestId())
        .put("call_id", context.callId())
        .put("at", context.receivedAt().truncatedTo(ChronoUnit.MILLIS).toString())
        .put("key_id", context.keyId())
        .put("tenant", context.tenant())
        .put("data_label", context.dataLabel().name())
        .put("requested_model", call.requestedModel())
        .put("status", call.httpStatus());
    context.sessionId().ifPresent(id -> body.put("session_id", id));
    context.parentId().ifPresent(id -> body.put("parent_call_id", id));
    call.decision().ifPresent(d -> body.set("decision", ContentTrees.tree(d)));
    call.error().ifPresent(e -> body.set("error", error(e, logContent)));
    body.set("usage", usage(call.usage()));
    body.put("cost_usd", usd(call.costUsd()))
        .put("counterfactual_usd", usd(call.counterfactualUsd()))
        .put("saved_usd", usd(Counterfactual.saved(call.costUsd(), call.counterfactualUsd())));
    digests(body, call, logContent);
    return body;
  }

  private static void digests(ObjectNode body, AuditedCall call, boolean logContent) {
    JsonNode request = ContentTrees.request(call.request());
    body.put("request_sha256", Canonical.sha256Hex(Canonical.json(request)));
    Optional<ArrayNode> answer = call.answer().map(ContentTrees::answer);
    answer.ifPresent(a -> body.put("answer_sha256", Canonical.sha256Hex(Canonical.json(a))));
    if (logContent) {
      ObjectNode content = body.putObject("content");
      content.set("request", request);
      answer.ifPresent(a -> content.set("answer", a));
    }
  }

  private static ObjectNode usage(Usage usage) {
    return ContentTrees.SNAKE.createObjectNode()
        .put("input_tokens", usage.inputTokens())
        .put("output_tokens", usage.outputTokens())
        .put("cached_input_tokens", usage.cachedInputTokens())
        .put("cache_write_tokens", usage.cacheWriteTokens())
        .put("reasoning_tokens", usage.reasoningTokens())
        .put("source", usage.source().name().toLowerCase(Locale.ROOT));
  }

  private static ObjectNode error(GatewayError error, boolean logContent) {
    ObjectNode node = ContentTrees.SNAKE.createObjectNode()
        .put("kind", error.getClass().getSimpleName())
        .put("status", error.httpStatus());
    if (logContent || ownWording(error)) {
      node.put("message", error.message());
    }
    return node;
  }

  /** Whether the message is the gateway's own text, free of anything the client or model sent. */
  static boolean ownWording(GatewayError error) {
    return switch (error) {
      case GatewayError.Forbidden ignored -> true;
      case GatewayError.BudgetExceeded ignored -> true;
      case GatewayError.RateLimited ignored -> true;
      case GatewayError.Unauthorized ignored -> true;
      case GatewayError.PayloadTooLarge ignored -> true;
      case GatewayError.InvalidRequest ignored -> false;
      case GatewayError.ModelNotFound ignored -> false;
      case GatewayError.NotFound ignored -> false;
      case GatewayError.MethodNotAllowed ignored -> true;
      case GatewayError.ContextLengthExceeded ignored -> false;
      case GatewayError.UpstreamFailed ignored -> false;
      case GatewayError.UpstreamRejected ignored -> false;
      case GatewayError.UpstreamUnusable ignored -> false;
      case GatewayError.UpstreamTimeout ignored -> false;
      case GatewayError.UpstreamUnreachable ignored -> false;
      case GatewayError.Internal ignored -> false;
    };
  }

  static String usd(BigDecimal amount) {
    return amount.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN).toPlainString();
  }
}
