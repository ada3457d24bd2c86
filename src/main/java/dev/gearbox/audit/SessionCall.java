package dev.gearbox.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.cost.Counterfactual;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of an agent session as its audit record tells it: its id and its parent's, the model
 * and tier that served it (the model asked for, when none did), its tokens, cost and saving, and
 * what the compression stage did to its prompt, if anything.
 */
public record SessionCall(
    String callId,
    Optional<String> parentCallId,
    String requestId,
    Instant at,
    String model,
    Optional<String> tier,
    int status,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    BigDecimal savedUsd,
    BigDecimal counterfactualUsd,
    Optional<Compressed> compression) {

  /** The compression of a call's prompt: the method and the prompt tokens before and after. */
  public record Compressed(String method, long tokensBefore, long tokensAfter) {
    public Compressed {
      Objects.requireNonNull(method, "method");
    }

    static Optional<Compressed> of(JsonNode note) {
      if (!note.isObject()) {
        return Optional.empty();
      }
      return Optional.of(new Compressed(note.path("method").asText().toLowerCase(Locale.ROOT),
          note.path("tokens_before").asLong(), note.path("tokens_after").asLong()));
    }
  }

  public SessionCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(parentCallId, "parentCallId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(savedUsd, "savedUsd");
    Objects.requireNonNull(counterfactualUsd, "counterfactualUsd");
    Objects.requireNonNull(compression, "compression");
  }

  /**
   * The call a record body describes. Its saving is {@code counterfactual_usd - cost_usd}, not the
   * record's {@code saved_usd}, which records of older versions clamped at zero.
   */
  static SessionCall of(JsonNode body) {
    String requestId = body.path("request_id").asText();
    JsonNode decision = body.path("decision");
    JsonNode usage = body.path("usage");
    return new SessionCall(
        body.path("call_id").asText(requestId),
        text(body, "parent_call_id"),
        requestId,
        Instant.parse(body.path("at").asText()),
        text(decision, "served_model").orElse(body.path("requested_model").asText()),
        text(decision, "tier"),
        body.path("status").asInt(),
        usage.path("input_tokens").asLong(),
        usage.path("output_tokens").asLong(),
        usd(body, "cost_usd"),
        Counterfactual.saved(usd(body, "cost_usd"), usd(body, "counterfactual_usd")),
        usd(body, "counterfactual_usd"),
        Compressed.of(decision.path("compression")));
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }

  private static BigDecimal usd(JsonNode body, String field) {
    return new BigDecimal(body.path(field).asText("0"));
  }
}
