package dev.gearbox.model;

/**
 * Why generation stopped. Mapped between the formats as: STOP = stop / end_turn (and
 * stop_sequence), LENGTH = length / max_tokens, TOOL_CALLS = tool_calls / tool_use.
 */
public enum FinishReason {
  STOP,
  LENGTH,
  TOOL_CALLS,
  CONTENT_FILTER
}
