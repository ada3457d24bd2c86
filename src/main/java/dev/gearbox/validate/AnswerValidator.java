package dev.gearbox.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.wire.Json;
import java.util.Optional;

/**
 * The hard checks of the cascade: the cheap answer is escalated when it is empty, a refusal,
 * cut at the token limit, not the JSON that JSON mode or a JSON schema asked for, or a tool call
 * whose arguments do not parse or do not fit the tool's parameter schema. Every choice of the
 * answer is checked; the first failure decides. Stateless and thread-safe.
 *
 * <p>These checks find answers that are certainly unusable. Whether a well-formed answer is
 * also a good one is the learned answer scorer's question, asked after these pass.
 */
public final class AnswerValidator {

  /** The verdict on {@code response} as an answer to {@code request}. */
  public Verdict check(ChatRequest request, ChatResponse response) {
    for (Choice choice : response.choices()) {
      Verdict verdict = check(request, choice);
      if (!verdict.accepted()) {
        return verdict;
      }
    }
    return Verdict.ACCEPTED;
  }

  private Verdict check(ChatRequest request, Choice choice) {
    if (choice.finishReason() == FinishReason.LENGTH) {
      return Verdict.rejected(EscalationReason.TRUNCATED, "the answer hit the token limit");
    }
    if (choice.finishReason() == FinishReason.CONTENT_FILTER) {
      return Verdict.rejected(EscalationReason.REFUSAL, "the upstream's content filter cut it");
    }
    if (!choice.message().toolCalls().isEmpty()) {
      return toolCalls(request, choice);
    }
    String text = choice.message().text();
    if (text.isBlank()) {
      return Verdict.rejected(EscalationReason.EMPTY, "no text and no tool call");
    }
    if (Refusals.isRefusal(text)) {
      return Verdict.rejected(EscalationReason.REFUSAL, "the answer declines the task");
    }
    return request.responseFormat().map(format -> format(format, text)).orElse(Verdict.ACCEPTED);
  }

  private static Verdict format(ResponseFormat format, String text) {
    return switch (format) {
      case ResponseFormat.Text ignored -> Verdict.ACCEPTED;
      case ResponseFormat.JsonObject ignored -> jsonObject(text)
          .map(node -> Verdict.ACCEPTED)
          .orElse(Verdict.rejected(EscalationReason.INVALID_JSON, "not a JSON object"));
      case ResponseFormat.JsonSchema schema -> jsonObject(text)
          .map(node -> conforms(schema.schema(), node, EscalationReason.SCHEMA_MISMATCH,
              "schema '" + schema.name() + "'"))
          .orElse(Verdict.rejected(EscalationReason.INVALID_JSON, "not a JSON object"));
    };
  }

  private static Verdict toolCalls(ChatRequest request, Choice choice) {
    for (ToolCall call : choice.message().toolCalls()) {
      Optional<Tool> tool =
          request.tools().stream().filter(t -> t.name().equals(call.name())).findFirst();
      if (tool.isEmpty()) {
        return Verdict.rejected(EscalationReason.INVALID_TOOL_ARGUMENTS,
            "call of undeclared tool '" + call.name() + "'");
      }
      Optional<JsonNode> arguments = jsonObject(call.argumentsJson());
      if (arguments.isEmpty()) {
        return Verdict.rejected(EscalationReason.INVALID_TOOL_ARGUMENTS,
            "arguments of '" + call.name() + "' are not a JSON object");
      }
      Verdict verdict = conforms(tool.get().parametersSchema(), arguments.get(),
          EscalationReason.INVALID_TOOL_ARGUMENTS, "tool '" + call.name() + "'");
      if (!verdict.accepted()) {
        return verdict;
      }
    }
    return Verdict.ACCEPTED;
  }

  private static Verdict conforms(
      JsonNode schema, JsonNode value, EscalationReason reason, String what) {
    return SchemaCheck.violation(schema, value)
        .<Verdict>map(v -> Verdict.rejected(reason, what + ": " + v))
        .orElse(Verdict.ACCEPTED);
  }

  /** The text parsed as a JSON object, when it is exactly one (no fences, no trailing text). */
  static Optional<JsonNode> jsonObject(String text) {
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }
}
