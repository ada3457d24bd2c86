package dev.gearbox.gateway;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Choice;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished or refused call as the audit trail receives it. It holds the request and the
 * answer so the trail can digest them (and keep them when content logging is on); {@link
 * #toString()} leaves both out, so a log line about a call never carries its content.
 *
 * @param decision the routing decision, absent when the call was refused before routing ended
 * @param error what the client was told when it did not get the answer
 * @param answer the complete answer, absent on errors and on streams that did not complete
 */
public record AuditedCall(
    CallContext context,
    String requestedModel,
    ChatRequest request,
    Optional<Decision> decision,
    int httpStatus,
    Optional<GatewayError> error,
    Usage usage,
    BigDecimal costUsd,
    BigDecimal counterfactualUsd,
    Optional<List<Choice>> answer) {

  public AuditedCall {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(requestedModel, "requestedModel");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(counterfactualUsd, "counterfactualUsd");
    answer = answer.map(List::copyOf);
  }

  @Override
  public String toString() {
    return "AuditedCall[requestId=" + context.requestId() + ", status=" + httpStatus
        + ", model=" + decision.map(Decision::servedModel).orElse(requestedModel) + "]";
  }
}
