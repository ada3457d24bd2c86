package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.GatewayError;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

  @Test
  void contextWindowError_becomesContextLengthExceeded_withTheUpstreamWords() {
    GatewayError error = UpstreamErrors.fromResponse(400, "{\"type\":\"error\",\"error\":{\"type\":"
        + "\"invalid_request_error\",\"message\":\"prompt is too long: 209353 tokens > 199999 "
        + "maximum\"}}", 0);
    assertThat(error).isInstanceOf(GatewayError.ContextLengthExceeded.class);
    assertThat(error.message()).isEqualTo("the prompt does not fit the model's context window "
        + "(upstream: prompt is too long: 209353 tokens > 199999 maximum)");
    assertThat(error.code()).hasValue("context_length_exceeded");
  }

  @Test
  void rateLimit_keepsItsStatusAndRetryAfter() {
    GatewayError error = UpstreamErrors.fromResponse(429, "{\"error\":{\"message\":\"Rate limit "
        + "reached\",\"type\":\"requests\"}}", 12);
    assertThat(error).isEqualTo(new GatewayError.UpstreamFailed(
        "upstream answered 429: Rate limit reached", 429, 12));
    assertThat(error.httpStatus()).isEqualTo(429);
  }

  @Test
  void serverErrors_andAnthropicOverload_areRetryableUpstreamFailures() {
    GatewayError overloaded = UpstreamErrors.fromResponse(529, "{\"type\":\"error\",\"error\":"
        + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", 0);
    assertThat(overloaded).isInstanceOf(GatewayError.UpstreamFailed.class);
    assertThat(overloaded.retryable()).isTrue();
    GatewayError unavailable = UpstreamErrors.fromResponse(503, "Service Unavailable", 0);
    assertThat(unavailable.httpStatus()).isEqualTo(503);
    assertThat(unavailable.message()).isEqualTo("upstream answered 503: Service Unavailable");
  }

  @Test
  void upstreamRefusingTheGatewaysKey_isAnUpstreamFailure_notTheClientsFault() {
    GatewayError error = UpstreamErrors.fromResponse(401, "{\"error\":{\"message\":\"Incorrect "
        + "API key provided: sk-proj-AbCdEf123456789. You can find your API key at "
        + "https://platform.openai.com/account/api-keys.\"}}", 0);
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.message()).doesNotContain("AbCdEf123456789").contains("[redacted]");
  }

  @Test
  void otherClientErrors_areRejectionsWithTheUpstreamStatus() {
    GatewayError error = UpstreamErrors.fromResponse(422, "{\"detail\":\"unknown field 'foo'\"}", 0);
    assertThat(error).isEqualTo(new GatewayError.UpstreamRejected(
        "upstream answered 422: unknown field 'foo'", 422));
    assertThat(UpstreamErrors.fromResponse(400, "{\"error\":\"model 'x' not found\"}", 0)
        .message()).isEqualTo("upstream answered 400: model 'x' not found");
  }

  @Test
  void longOrMultilineMessages_areClippedToOneLine() {
    String body = "Traceback (most recent call last):\n  File \"x.py\"\n" + "y".repeat(2000);
    String message = UpstreamErrors.fromResponse(500, body, 0).message();
    assertThat(message).doesNotContain("\n").endsWith("...");
    assertThat(message.length()).isLessThan(600);
  }

  @Test
  void bearerTokens_areRedacted() {
    assertThat(UpstreamErrors.safe("header was Bearer abc.def.ghi and key-1234567890"))
        .isEqualTo("header was [redacted] and [redacted]");
  }
}
