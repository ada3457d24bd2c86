package dev.gearbox.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.ApiFormat;
import dev.gearbox.wire.Json;
import java.util.Map;

/**
 * The error bodies real upstreams send, status and wording, for the faults the simulator injects.
 *
 * <p>Why not the gateway's own error encoders: those say what Gearbox tells its clients; this
 * says what OpenAI, Anthropic, vLLM, llama.cpp, SGLang and Ollama tell Gearbox, which differs in
 * type names ("server_error", "overloaded_error", "BadRequestError"), in shape (vLLM and SGLang
 * put the message at the top level, llama.cpp adds its token counts) and in wording. The
 * provider code has to recognise every one of them, so they are reproduced as the servers send
 * them (as of their 2025 releases):
 *
 * <ul>
 *   <li>OpenAI: 400 {@code context_length_exceeded} "This model's maximum context length is N
 *       tokens. However, your messages resulted in M tokens. Please reduce the length of the
 *       messages."; 429 {@code rate_limit_exceeded}; 500/503 {@code server_error}.
 *   <li>vLLM: 400 {@code {"object":"error","message":"This model's maximum context length is N
 *       tokens. However, you requested M tokens (P in the messages, C in the completion). ...",
 *       "type":"BadRequestError","param":null,"code":400}}.
 *   <li>llama.cpp server: 400 {@code exceed_context_size_error}, "request (M tokens) exceeds the
 *       available context size (N tokens), try increasing it", with n_prompt_tokens and n_ctx.
 *   <li>SGLang: 400, vLLM's shape, "The input (M tokens) is longer than the model's context
 *       length (N tokens)."
 *   <li>Ollama (OpenAI-compatible endpoint): 400, OpenAI's shape with null code, "the input
 *       length exceeds the context length".
 *   <li>Anthropic: 400 {@code invalid_request_error} "prompt is too long: M tokens > N maximum";
 *       429 {@code rate_limit_error}; 500 {@code api_error}; overload {@code overloaded_error}.
 * </ul>
 */
final class UpstreamWordings {
  private UpstreamWordings() {}

  static ErrorReply rateLimit(ApiFormat api, String model, long retryAfterSeconds) {
    Map<String, String> headers = Map.of("retry-after", Long.toString(retryAfterSeconds));
    ObjectNode body =
        switch (api) {
          case OPENAI ->
              openAi(
                  "Rate limit reached for "
                      + model
                      + " in organization org-gearbox-sim on requests per"
                      + " min (RPM): Limit 60, Used 60, Requested 1. Please try again in "
                      + retryAfterSeconds
                      + "s. Visit https://platform.openai.com/account/rate-limits to"
                      + " learn more.",
                  "requests",
                  "rate_limit_exceeded");
          case ANTHROPIC ->
              anthropic(
                  "rate_limit_error",
                  "This request would exceed the rate limit for your organization of 60 requests"
                      + " per minute. For details, refer to:"
                      + " https://docs.claude.com/en/api/rate-limits.");
        };
    return new ErrorReply(429, headers, body);
  }

  static ErrorReply serverError(ApiFormat api, int status) {
    boolean overloaded = status == 503 || status == 529;
    ObjectNode body =
        switch (api) {
          case OPENAI ->
              openAi(
                  overloaded
                      ? "The engine is currently overloaded, please try again later."
                      : "The server had an error while processing your request. Sorry about that!",
                  "server_error",
                  null);
          case ANTHROPIC ->
              overloaded
                  ? anthropic("overloaded_error", "Overloaded")
                  : anthropic("api_error", "Internal server error");
        };
    return ErrorReply.of(status, body);
  }

  /**
   * The context-length refusal of {@code dialect}.
   *
   * @param promptTokens the prompt size to report
   * @param completionTokens the max_tokens asked for (0 when none)
   */
  static ErrorReply contextLength(
      ServerDialect dialect, long promptTokens, long completionTokens, int windowTokens) {
    long requested = promptTokens + completionTokens;
    return switch (dialect) {
      case OPENAI ->
          ErrorReply.of(
              400,
              openAiWithParam(
                  "This model's maximum context length is "
                      + windowTokens
                      + " tokens. However, your"
                      + " messages resulted in "
                      + promptTokens
                      + " tokens. Please reduce the length of"
                      + " the messages."));
      case VLLM ->
          ErrorReply.of(
              400,
              topLevel(
                  "This model's maximum context length is "
                      + windowTokens
                      + " tokens. However, you"
                      + " requested "
                      + requested
                      + " tokens ("
                      + promptTokens
                      + " in the messages, "
                      + completionTokens
                      + " in the completion). Please reduce the length of the"
                      + " messages or completion."));
      case LLAMACPP -> ErrorReply.of(400, llamaCpp(promptTokens, windowTokens));
      case SGLANG ->
          ErrorReply.of(
              400,
              topLevel(
                  "The input ("
                      + promptTokens
                      + " tokens) is longer than the model's context length ("
                      + windowTokens
                      + " tokens)."));
      case OLLAMA ->
          ErrorReply.of(
              400,
              openAi("the input length exceeds the context length", "invalid_request_error", null));
      case ANTHROPIC ->
          ErrorReply.of(
              400,
              anthropic(
                  "invalid_request_error",
                  "prompt is too long: "
                      + promptTokens
                      + " tokens > "
                      + windowTokens
                      + " maximum"));
    };
  }

  /** The SSE frame of an error that interrupts a stream, as each API sends it. */
  static String streamError(ApiFormat api) {
    return switch (api) {
      case OPENAI -> "data: " + serverError(api, 500).body() + "\n\n";
      case ANTHROPIC ->
          "event: error\ndata: " + anthropic("overloaded_error", "Overloaded") + "\n\n";
    };
  }

  private static ObjectNode openAi(String message, String type, String code) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    error.put("code", code);
    return root;
  }

  private static ObjectNode openAiWithParam(String message) {
    ObjectNode root = openAi(message, "invalid_request_error", "context_length_exceeded");
    ((ObjectNode) root.get("error")).put("param", "messages");
    return root;
  }

  private static ObjectNode topLevel(String message) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("object", "error");
    root.put("message", message);
    root.put("type", "BadRequestError");
    root.putNull("param");
    root.put("code", 400);
    return root;
  }

  private static ObjectNode llamaCpp(long promptTokens, int windowTokens) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", 400);
    error.put(
        "message",
        "request ("
            + promptTokens
            + " tokens) exceeds the available context size ("
            + windowTokens
            + " tokens), try increasing it");
    error.put("type", "exceed_context_size_error");
    error.put("n_prompt_tokens", promptTokens);
    error.put("n_ctx", windowTokens);
    return root;
  }

  private static ObjectNode anthropic(String type, String message) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("type", "error");
    ObjectNode error = root.putObject("error");
    error.put("type", type);
    error.put("message", message);
    return root;
  }
}
