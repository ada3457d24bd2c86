package dev.gearbox.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whose words the simulator uses when a prompt does not fit: each server family says "context
 * length exceeded" in its own status and JSON, and a gateway must recognise all of them.
 */
public enum ServerDialect {
  OPENAI("openai"),
  VLLM("vllm"),
  LLAMACPP("llamacpp"),
  SGLANG("sglang"),
  OLLAMA("ollama"),
  ANTHROPIC("anthropic");

  private final String id;

  ServerDialect(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The dialect named {@code name} ("llama.cpp" and "llama_cpp" also name llama.cpp). */
  public static Optional<ServerDialect> byId(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT).replace(".", "").replace("_", "");
    return Arrays.stream(values()).filter(d -> d.id.equals(wanted)).findFirst();
  }

  /** "openai, vllm, ...", for error messages. */
  static String known() {
    return Arrays.stream(values()).map(ServerDialect::id).collect(Collectors.joining(", "));
  }
}
