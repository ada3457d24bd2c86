package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class ContextLengthErrorsTest {

  static Stream<Arguments> contextWindowErrors() {
    return Stream.of(
        Arguments.of("OpenAI", 400, """
            {"error":{"message":"This model's maximum context length is 128000 tokens. However, \
            your messages resulted in 130412 tokens. Please reduce the length of the messages.",\
            "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"""),
        Arguments.of("OpenAI code only", 400,
            "{\"error\":{\"message\":\"Input too large\",\"code\":\"context_length_exceeded\"}}"),
        Arguments.of("OpenAI newer models", 400, """
            {"error":{"message":"Your input exceeds the context window of this model. Please \
            adjust your input and try again.","type":"invalid_request_error","param":"input"}}"""),
        Arguments.of("vLLM requested", 400, """
            {"object":"error","message":"This model\\u0027s maximum context length is 16384 \
            tokens. However, you requested 19591 tokens (9591 in the messages, 10000 in the \
            completion). Please reduce the length of the messages or completion.",\
            "type":"BadRequestError","param":null,"code":400}"""),
        Arguments.of("vLLM max_tokens too large", 400, """
            {"error":{"message":"'max_tokens' or 'max_completion_tokens' is too large: 8000. \
            This model's maximum context length is 4096 tokens and your request has 2778 input \
            tokens (8000 > 4096 - 2778). None","type":"BadRequestError","param":null,"code":400}}"""),
        Arguments.of("vLLM v1 prompt length", 400,
            "{\"error\":{\"message\":\"Prompt length of 5016 is longer than the maximum model "
                + "length of 4096.\",\"type\":\"BadRequestError\",\"code\":400}}"),
        Arguments.of("vLLM decoder prompt", 400, "The decoder prompt (length 17772) is longer "
            + "than the maximum model length of 16384. Make sure that `max_model_len` is no "
            + "smaller than the number of text tokens plus multimodal tokens."),
        Arguments.of("vLLM multimodal", 400, "The prompt (total length 25938) is too long to "
            + "fit into the model (context length 4096)."),
        Arguments.of("llama.cpp", 400, """
            {"error":{"code":400,"message":"request (4476 tokens) exceeds the available context \
            size (4096 tokens), try increasing it","type":"exceed_context_size_error",\
            "n_prompt_tokens":4476,"n_ctx":4096}}"""),
        Arguments.of("llama.cpp older", 500, """
            {"error":{"code":500,"message":"the request exceeds the available context size, try \
            increasing it","type":"server_error"}}"""),
        Arguments.of("SGLang", 400, """
            {"object":"error","message":"The input (61709 tokens) is longer than the model's \
            context length (40960 tokens).","type":"BadRequestError","param":null,"code":400}"""),
        Arguments.of("SGLang allowed length", 400, "{\"object\":\"error\",\"message\":\"Input "
            + "length (160062 tokens) exceeds the maximum allowed length (59862 tokens).\"}"),
        Arguments.of("Ollama", 400, "{\"error\":\"the input length exceeds the context length\"}"),
        Arguments.of("Ollama runner", 500, "{\"error\":\"input exceeds maximum context length\"}"),
        Arguments.of("Ollama prompt too long", 400,
            "{\"error\":\"prompt too long; exceeded max context length by 172 tokens\"}"),
        Arguments.of("TGI total", 422, """
            {"error":"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. \
            Given: 3474 `inputs` tokens and 1024 `max_new_tokens`","error_type":"validation"}"""),
        Arguments.of("TGI inputs", 422, "{\"error\":\"Input validation error: `inputs` must have "
            + "less than 1024 tokens. Given: 1168\",\"error_type\":\"validation\"}"),
        Arguments.of("Anthropic", 400, """
            {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too \
            long: 209353 tokens > 199999 maximum"}}"""),
        Arguments.of("Anthropic with max_tokens", 400, """
            {"type":"error","error":{"type":"invalid_request_error","message":"input length and \
            `max_tokens` exceed context limit: 197626 + 21333 > 200000, decrease input length or \
            `max_tokens` and try again"}}"""),
        Arguments.of("Gemini OpenAI-compatible", 400, """
            [{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum \
            number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}]"""),
        Arguments.of("in-stream, status unknown", 0,
            "{\"message\":\"This model's maximum context length is 8192 tokens.\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contextWindowErrors")
  void recognisesTheWording(String server, int status, String body) {
    assertThat(ContextLengthErrors.matches(status, body)).isTrue();
  }

  static Stream<Arguments> otherErrors() {
    return Stream.of(
        Arguments.of("OpenAI TPM rate limit", 429, """
            {"error":{"message":"Rate limit reached for gpt-4o in organization org-x on tokens \
            per min (TPM): Limit 30000, Used 20000, Requested 42000.","type":"tokens",\
            "code":"rate_limit_exceeded"}}"""),
        Arguments.of("OpenAI request too large (TPM), 413-ish", 413, """
            {"error":{"message":"Request too large for gpt-4o in organization org-x on tokens \
            per min (TPM): Limit 30000, Requested 42000.","type":"tokens"}}"""),
        Arguments.of("Anthropic max_tokens above the model's output limit", 400, """
            {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: \
            10000 > 4096, which is the maximum allowed number of output tokens"}}"""),
        Arguments.of("bad key", 401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"),
        Arguments.of("overloaded", 529, "{\"type\":\"error\",\"error\":{\"type\":"
            + "\"overloaded_error\",\"message\":\"Overloaded\"}}"),
        Arguments.of("context words but success status", 200,
            "{\"message\":\"maximum context length is 8192 tokens\"}"),
        Arguments.of("unrelated 400", 400, "{\"error\":{\"message\":\"Invalid value for "
            + "'temperature': must be between 0 and 2\"}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherErrors")
  void leavesOtherErrorsAlone(String kind, int status, String body) {
    assertThat(ContextLengthErrors.matches(status, body)).isFalse();
  }
}
