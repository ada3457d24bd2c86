package dev.gearbox.wire;

/**
 * Which field carries the output-token limit in an OpenAI-format upstream request. OpenAI's
 * reasoning models refuse {@code max_tokens}; several self-hosted servers (Ollama, older
 * llama.cpp) read only {@code max_tokens}. The provider knows which upstream it talks to.
 */
public enum TokenLimitField {
  MAX_TOKENS("max_tokens"),
  MAX_COMPLETION_TOKENS("max_completion_tokens");

  private final String jsonName;

  TokenLimitField(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
