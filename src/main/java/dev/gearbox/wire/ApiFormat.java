package dev.gearbox.wire;

/** The two client-facing (and upstream) wire formats Gearbox speaks. */
public enum ApiFormat {
  /** OpenAI Chat Completions ({@code POST /v1/chat/completions}). */
  OPENAI,
  /** Anthropic Messages ({@code POST /v1/messages}). */
  ANTHROPIC
}
