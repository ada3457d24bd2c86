package dev.gearbox.model;

/**
 * The client API a request arrived in, for the names of its fields: a refusal raised after
 * decoding (when the request meets an upstream that cannot take it) names the field the client
 * actually sent.
 */
public enum Dialect {
  OPENAI("stop", "max_completion_tokens", "reasoning_effort"),
  ANTHROPIC("stop_sequences", "max_tokens", "thinking");

  private final String stop;
  private final String maxTokens;
  private final String reasoning;

  Dialect(String stop, String maxTokens, String reasoning) {
    this.stop = stop;
    this.maxTokens = maxTokens;
    this.reasoning = reasoning;
  }

  /** The field holding stop sequences. */
  public String stop() {
    return stop;
  }

  /** The field limiting the answer's tokens. */
  public String maxTokens() {
    return maxTokens;
  }

  /** The field asking for reasoning. */
  public String reasoning() {
    return reasoning;
  }
}
