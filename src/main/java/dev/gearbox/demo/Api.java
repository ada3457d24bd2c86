package dev.gearbox.demo;

/** Which of the gateway's two chat APIs a demo client speaks. */
enum Api {
  /** OpenAI Chat Completions, {@code POST /v1/chat/completions}. */
  OPENAI("/v1/chat/completions"),
  /** Anthropic Messages, {@code POST /v1/messages}. */
  ANTHROPIC("/v1/messages");

  private final String path;

  Api(String path) {
    this.path = path;
  }

  String path() {
    return path;
  }
}
