package dev.gearbox.provider;

/** The wire protocol an upstream speaks. */
public enum ProviderKind {
  /** OpenAI Chat Completions: OpenAI itself, vLLM, llama.cpp, Ollama, SGLang, TGI. */
  OPENAI_COMPATIBLE,
  /** Anthropic Messages. */
  ANTHROPIC
}
