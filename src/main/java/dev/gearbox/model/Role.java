package dev.gearbox.model;

/** Who said a message. Anthropic's top-level {@code system} becomes a leading SYSTEM message. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  /** The result of a tool call; Anthropic carries these as tool_result blocks in a user turn. */
  TOOL
}
