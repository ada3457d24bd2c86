package dev.gearbox.provider;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Specs, requests and upstream bodies shared by the provider tests. */
final class Fixtures {
  static final String KEY = "sk-test-4f9c2a7e1b0d48e6a3c5";
  static final String KEY_ENV = "GEARBOX_TEST_UPSTREAM_KEY";

  private Fixtures() {}

  static ProviderSpec spec(String name, ProviderKind kind, URI baseUrl) {
    return new ProviderSpec(
        name,
        kind,
        baseUrl,
        Optional.of(KEY_ENV),
        Locality.ON_PREM,
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        1,
        Map.of());
  }

  static ProviderSpec openAi(String name, URI baseUrl) {
    return spec(name, ProviderKind.OPENAI_COMPATIBLE, baseUrl);
  }

  static Optional<String> env(String variable) {
    return variable.equals(KEY_ENV) ? Optional.of(KEY) : Optional.empty();
  }

  static ModelSpec model(String alias, String provider, Capabilities capabilities) {
    return new ModelSpec(
        alias, provider, alias + "-upstream", 8192, Tier.SMALL, capabilities, "cl100k_base");
  }

  static ModelSpec model(String alias, String provider) {
    return model(alias, provider, Capabilities.ALL);
  }

  static ChatRequest ask(String text) {
    return ChatRequest.of("auto", List.of(Message.text(Role.USER, text)));
  }

  /** A chat.completion body shaped as OpenAI sends it. */
  static String completion(String model, String text) {
    return completion(
        model,
        text,
        "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5," + "\"total_tokens\":17}");
  }

  static String completion(String model, String text, String usageMember) {
    return """
    {"id":"chatcmpl-AbC123","object":"chat.completion","created":1733241600,"model":"%s",\
    "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},\
    "logprobs":null,"finish_reason":"stop"}]%s%s,"system_fingerprint":"fp_44709d6fcb"}\
    """
        .formatted(model, text, usageMember.isEmpty() ? "" : ",", usageMember);
  }
}
