package dev.gearbox.provider;

import static dev.gearbox.provider.Fixtures.ask;
import static dev.gearbox.provider.Fixtures.openAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.provider.ScriptedUpstream.Reply;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How each upstream failure, received over real HTTP, becomes a gateway error. */
class UpstreamErrorClassificationTest {
  private final TestClock clock = TestClock.at("2026-12-03T10:00:00Z");
  private final ScriptedUpstream upstream = ScriptedUpstream.start();
  private Provider provider = provider(openAi("local", upstream.baseUrl()));

  @AfterEach
  void tearDown() throws IOException {
    provider.close();
    upstream.close();
  }

  private Provider provider(ProviderSpec spec) {
    return Provider.create(spec, Fixtures::env, clock);
  }

  private GatewayError failure() {
    GatewayException e =
        catchThrowableOfType(
            GatewayException.class,
            () ->
                provider.complete(
                    ask("hi").withModel("m"), Deadline.after(Duration.ofMinutes(1), clock)));
    assertThat(e).as("the call should have failed").isNotNull();
    return e.error();
  }

  @Test
  void rateLimit_readsRetryAfterSeconds() {
    upstream.then(
        Reply.json(429, Map.of("retry-after", "7"), "{\"error\":{\"message\":\"slow\"}}"));

    assertThat(failure())
        .isEqualTo(
            new GatewayError.UpstreamFailed(
                "upstream 'local' is rate limiting requests (HTTP 429)", 429, 7));
  }

  @Test
  void rateLimit_readsRetryAfterAsHttpDate() {
    String in30s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(30).atZone(ZoneOffset.UTC));
    upstream.then(Reply.json(429, Map.of("retry-after", in30s), "{}"));

    assertThat(failure())
        .isInstanceOfSatisfying(
            GatewayError.UpstreamFailed.class,
            e -> assertThat(e.retryAfterSeconds()).isEqualTo(30));
  }

  @Test
  void rateLimit_retryAfterMsWinsAndRoundsUp() {
    upstream.then(Reply.json(429, Map.of("retry-after-ms", "1200", "retry-after", "9"), "{}"));

    assertThat(failure())
        .isInstanceOfSatisfying(
            GatewayError.UpstreamFailed.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));
  }

  /**
   * Without Retry-After, a 429's wait comes from the reset of the limit that ran out: OpenAI's
   * and Groq's Go durations, Anthropic's RFC 3339 instants, OpenRouter's epoch milliseconds, the
   * IETF draft's relative seconds.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          openai requests   | 20 | x-ratelimit-remaining-requests=0,x-ratelimit-reset-requests=19.2s,x-ratelimit-remaining-tokens=5000,x-ratelimit-reset-tokens=6m0s
          openai tokens     | 360 | x-ratelimit-remaining-requests=10,x-ratelimit-reset-requests=1s,x-ratelimit-remaining-tokens=0,x-ratelimit-reset-tokens=6m0s
          go duration mix   | 3723 | x-ratelimit-reset-tokens=1h2m2.5s
          milliseconds      | 1 | x-ratelimit-reset-requests=20ms
          anthropic         | 45 | anthropic-ratelimit-requests-remaining=0,anthropic-ratelimit-requests-reset=2026-12-03T10:00:45Z,anthropic-ratelimit-tokens-remaining=9000,anthropic-ratelimit-tokens-reset=2026-12-03T10:05:00Z
          epoch millis      | 90 | x-ratelimit-limit=20,x-ratelimit-remaining=0,x-ratelimit-reset=1796292090000
          epoch seconds     | 90 | x-ratelimit-reset=1796292090
          relative seconds  | 12 | ratelimit-reset=12
          unpaired, longest | 360 | x-ratelimit-reset-requests=1s,x-ratelimit-reset-tokens=6m0s
          elapsed           | 0 | x-ratelimit-reset=1796291000
          """)
  void rateLimit_withoutRetryAfter_waitsForTheLimitsReset(
      String name, long seconds, String headerList) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (String pair : headerList.split(",")) {
      String[] nameValue = pair.split("=", 2);
      headers.put(nameValue[0], nameValue[1]);
    }
    upstream.then(Reply.json(429, headers, "{\"error\":{\"message\":\"slow down\"}}"));

    assertThat(failure())
        .isInstanceOfSatisfying(
            GatewayError.UpstreamFailed.class,
            e -> assertThat(e.retryAfterSeconds()).isEqualTo(seconds));
  }

  @Test
  void resetHints_onAServerError_areNotAWait() {
    upstream.then(Reply.json(500, Map.of("x-ratelimit-reset-tokens", "6m0s"), "{}"));

    assertThat(failure())
        .isInstanceOfSatisfying(
            GatewayError.UpstreamFailed.class, e -> assertThat(e.retryAfterSeconds()).isZero());
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 529})
  void serverErrors_areUpstreamFailedWithTheirStatus(int status) {
    upstream.then(Reply.json(status, "{\"error\":{\"message\":\"overloaded\"}}"));

    assertThat(failure())
        .isEqualTo(
            new GatewayError.UpstreamFailed(
                "upstream 'local' failed with HTTP " + status, status, 0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          openai   | 400 | {"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9013 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}
          vllm     | 400 | {"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5120 tokens (4096 in the messages, 1024 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}
          llamacpp | 400 | {"error":{"code":400,"message":"request (4476 tokens) exceeds the available context size (4096 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":4476,"n_ctx":4096}}
          sglang   | 400 | {"object":"error","message":"The input (61709 tokens) is longer than the model's context length (40960 tokens).","type":"BadRequestError","param":null,"code":400}
          ollama   | 500 | {"error":{"message":"the input length exceeds the context length","type":"api_error","param":null,"code":null}}
          """)
  void contextLength_recognisedInEachServersWording(String server, int status, String body) {
    upstream.then(Reply.json(status, body));

    assertThat(failure())
        .isInstanceOf(GatewayError.ContextLengthExceeded.class)
        .extracting(GatewayError::message)
        .asString()
        .startsWith("the prompt does not fit the context window of model 'm'");
  }

  @Test
  void badRequest_isRejectedWithTheUpstreamsMessage() {
    upstream.then(
        Reply.json(
            400,
            """
            {"error":{"message":"Invalid value for 'temperature': must be <= 2.","type":"invalid_request_error"}}\
            """));

    assertThat(failure())
        .isEqualTo(
            new GatewayError.UpstreamRejected(
                "upstream 'local' rejected the request (HTTP 400): Invalid value for 'temperature':"
                    + " must be <= 2.",
                400));
  }

  @Test
  void notFound_saysTheUpstreamDoesNotServeTheModel() {
    upstream.then(Reply.json(404, "{\"error\":\"model 'm' not found\"}"));

    assertThat(failure())
        .isEqualTo(
            new GatewayError.UpstreamUnusable(
                "upstream 'local' does not serve model 'm' (HTTP 404; or its base URL is wrong):"
                    + " model 'm' not found",
                404));
  }

  @Test
  void quotaSpent_isNotARateLimit() {
    upstream.then(
        Reply.json(
            429,
            """
            {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}}\
            """));

    GatewayError error = failure();

    assertThat(error).isInstanceOf(GatewayError.UpstreamUnusable.class);
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.message()).contains("no credit or quota left");
  }

  @Test
  void perMinuteQuota_isARateLimit() {
    upstream.then(
        Reply.json(
            429,
            """
            {"error":{"code":429,"message":"Quota exceeded for metric: generate_content_requests_per_minute","status":"RESOURCE_EXHAUSTED"}}\
            """));

    assertThat(failure()).isInstanceOf(GatewayError.UpstreamFailed.class);
  }

  @Test
  void unauthorized_isRejectedWithoutQuotingTheUpstream() {
    upstream.then(
        Reply.json(
            401,
            """
            {"error":{"message":"Incorrect API key provided: sk-test-****************48e6a3c5.","type":"invalid_request_error","code":"invalid_api_key"}}\
            """));

    GatewayError error = failure();

    assertThat(error).isInstanceOf(GatewayError.UpstreamUnusable.class);
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.message()).contains("HTTP 401").doesNotContain("48e6a3c5");
  }

  @Test
  void requestTimeout408_isATimeout() {
    upstream.then(Reply.json(408, "{}"));

    assertThat(failure()).isInstanceOf(GatewayError.UpstreamTimeout.class);
  }

  @Test
  void connectionRefused_isUnreachable() throws IOException {
    provider.close();
    provider = provider(openAi("gone", ScriptedUpstream.refusingBaseUrl()));

    assertThat(failure())
        .isEqualTo(new GatewayError.UpstreamUnreachable("upstream 'gone' refused the connection"));
  }

  @Test
  void connectionReset_isUnreachable() {
    // Reset before any byte of answer: the client sends once more (StaleConnections).
    upstream.then(Reply.reset(), Reply.reset());

    assertThat(failure()).isInstanceOf(GatewayError.UpstreamUnreachable.class);
  }

  @Test
  void bodyCutShort_isUnreachable() {
    upstream.then(
        new Reply(Reply.json(200, Fixtures.completion("m", "hello")).steps().subList(0, 1))
            .and(new ScriptedUpstream.Step.Write("{\"id\":".getBytes())));

    assertThat(failure()).isInstanceOf(GatewayError.UpstreamUnreachable.class);
  }

  @Test
  void silentUpstream_timesOutAtTheAttemptTimeout() {
    provider.close();
    provider =
        provider(openAi("slow", upstream.baseUrl()).withAttemptTimeout(Duration.ofMillis(300)));
    upstream.then(Reply.hang(Duration.ofSeconds(5)));

    long started = System.nanoTime();
    GatewayError error = failure();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(error)
        .isEqualTo(
            new GatewayError.UpstreamTimeout(
                "upstream 'slow' timed out after 300 ms while waiting for the answer"));
    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
  }

  @Test
  void spentDeadline_failsWithoutCallingTheUpstream() {
    Deadline spent = Deadline.after(Duration.ZERO, clock);

    assertThatThrownBy(() -> provider.complete(ask("hi").withModel("m"), spent))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.error()).isInstanceOf(GatewayError.UpstreamTimeout.class));
    assertThat(upstream.requests()).isEmpty();
  }

  @Test
  void success_decodesTheAnswer() {
    upstream.then(Reply.json(200, Fixtures.completion("m-1", "Hello there")));

    var response =
        provider.complete(ask("hi").withModel("m"), Deadline.after(Duration.ofMinutes(1), clock));

    assertThat(response.first().message().text()).isEqualTo("Hello there");
    assertThat(response.usage().inputTokens()).isEqualTo(12);
    assertThat(upstream.requests().getFirst().path()).isEqualTo("/v1/chat/completions");
  }
}
