package dev.gearbox.wire;

import dev.gearbox.model.FinishReason;

/**
 * Finish reasons between the formats: stop = end_turn (and stop_sequence), length = max_tokens,
 * tool_calls = tool_use, content_filter = refusal. Unknown reasons from OpenAI-compatible
 * servers ("eos", "abort") count as a normal stop.
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

  static String toAnthropic(FinishReason reason) {
    return switch (reason) {
      case STOP -> "end_turn";
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
    };
  }
}
