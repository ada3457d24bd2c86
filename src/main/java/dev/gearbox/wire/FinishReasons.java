package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.FinishReason;
import java.util.Optional;

/**
 * Finish reasons between the formats: stop = end_turn (stop_sequence when the stop sequence that
 * ended the answer is known), length = max_tokens,
 * tool_calls = tool_use, content_filter = refusal. Unknown reasons from OpenAI-compatible
 * servers ("eos", "abort") count as a normal stop. A turn that holds tool calls but says it
 * stopped ("stop", as vLLM, Ollama and Gemini's OpenAI endpoint send it) ended to call them:
 * agent loops run the calls only on tool_calls / tool_use, and would end the task instead.
 */
final class FinishReasons {
  private FinishReasons() {}

  static FinishReason fromOpenAi(String reason) {
    return switch (reason) {
      case "length" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.STOP;
    };
  }

  /** The reason a turn ended, given whether it holds tool calls. */
  static FinishReason ofTurn(FinishReason reason, boolean hasToolCalls) {
    return reason == FinishReason.STOP && hasToolCalls ? FinishReason.TOOL_CALLS : reason;
  }

  static String toOpenAi(FinishReason reason) {
    return switch (reason) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
    };
  }

  static FinishReason fromAnthropic(String reason) {
    return switch (reason) {
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      case "refusal" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.STOP;
    };
  }

  /** The stop sequence an Anthropic answer or message_delta says ended it. */
  static Optional<String> anthropicStopSequence(JsonNode message) {
    JsonNode sequence = message.path("stop_sequence");
    return message.path("stop_reason").asText().equals("stop_sequence") && sequence.isTextual()
        ? Optional.of(sequence.textValue())
        : Optional.empty();
  }

  /**
   * The stop sequence a vLLM choice says ended it: vLLM puts the matched stop string in
   * {@code stop_reason} (a token id, for stop tokens, is not a client's stop sequence).
   */
  static Optional<String> openAiStopSequence(JsonNode choice) {
    JsonNode matched = choice.path("stop_reason");
    return matched.isTextual() && !matched.textValue().isEmpty()
        ? Optional.of(matched.textValue())
        : Optional.empty();
  }

  /** {@code stop_reason} and {@code stop_sequence} of an Anthropic message or message_delta. */
  static void putAnthropic(ObjectNode target, FinishReason reason, Optional<String> stop) {
    if (reason == FinishReason.STOP && stop.isPresent()) {
      target.put("stop_reason", "stop_sequence");
      target.put("stop_sequence", stop.get());
      return;
    }
    target.put("stop_reason", toAnthropic(reason));
    target.putNull("stop_sequence");
  }

  static String toAnthropic(FinishReason reason) {
    return switch (reason) {
      case STOP -> "end_turn";
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
    };
  }
}
