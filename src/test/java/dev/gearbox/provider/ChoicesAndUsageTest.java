package dev.gearbox.provider;

import static dev.gearbox.provider.Fixtures.ask;
import static dev.gearbox.provider.Fixtures.completion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import dev.gearbox.provider.Attempt.Outcome;
import dev.gearbox.provider.ScriptedUpstream.Reply;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several choices, counted usage, and requests a model cannot honour. */
class ChoicesAndUsageTest {
  private static final Capabilities ONE_CHOICE = new Capabilities(true, true, true, false);

  private final ChainHarness harness = new ChainHarness();
  private final ScriptedUpstream upstream = harness.upstream();

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static JsonNode body(ScriptedUpstream.Recorded request) {
    try {
      return Json.MAPPER.readTree(request.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ChatRequest withChoices(ChatRequest request, int n, OptionalLong seed) {
    Sampling s = request.sampling();
    return request.withSampling(
        new Sampling(s.maxTokens(), s.temperature(), s.topP(), seed, n, s.stop(), s.user()));
  }

  @Test
  void severalChoices_onAOneChoiceUpstream_fanOutAndMerge() {
    upstream.then(
        Reply.json(200, completion("m", "alpha")),
        Reply.json(200, completion("m", "beta")),
        Reply.json(200, completion("m", "gamma")));
    Candidate candidate =
        harness.candidate(
            Fixtures.model("one", "one-provider", ONE_CHOICE),
            upstream.baseUrl(),
            UnaryOperator.identity());

    ChatResponse response =
        harness
            .chain()
            .complete(
                withChoices(ask("name a letter"), 3, OptionalLong.of(42)),
                List.of(candidate),
                harness.minutes(1),
                Clearance.ANYWHERE)
            .orThrow();

    assertThat(response.choices()).extracting(Choice::index).containsExactly(0, 1, 2);
    assertThat(response.choices())
        .extracting(c -> c.message().text())
        .containsExactlyInAnyOrder("alpha", "beta", "gamma");
    assertThat(response.usage()).isEqualTo(Usage.upstream(36, 15));
    List<JsonNode> sent = upstream.requests().stream().map(ChoicesAndUsageTest::body).toList();
    assertThat(sent).allSatisfy(b -> assertThat(b.has("n")).isFalse());
    assertThat(sent)
        .extracting(b -> b.path("seed").asLong())
        .containsExactlyInAnyOrder(42L, 43L, 44L);
  }

  @Test
  void severalChoices_onAMultiChoiceUpstream_areOneCall() {
    upstream.then(Reply.json(200, completion("m", "only one returned")));
    Candidate candidate = harness.candidate("multi", upstream.baseUrl());

    harness
        .chain()
        .complete(
            withChoices(ask("hi"), 2, OptionalLong.empty()),
            List.of(candidate),
            harness.minutes(1),
            Clearance.ANYWHERE);

    assertThat(upstream.requests()).hasSize(1);
    assertThat(body(upstream.requests().getFirst()).path("n").asInt()).isEqualTo(2);
  }

  @Test
  void streamingSeveralChoices_onAOneChoiceUpstream_isRefusedNamingN() {
    Candidate candidate =
        harness.candidate(
            Fixtures.model("one", "one-provider", ONE_CHOICE),
            upstream.baseUrl(),
            UnaryOperator.identity());

    ChainOutcome<?> outcome =
        harness.chain().stream(
            withChoices(ask("hi"), 2, OptionalLong.empty()),
            List.of(candidate),
            harness.minutes(1),
            Clearance.ANYWHERE);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ChainOutcome.Failed.class,
            f ->
                assertThat(f.error())
                    .isInstanceOfSatisfying(
                        GatewayError.InvalidRequest.class,
                        e -> assertThat(e.param()).contains("n")));
    assertThat(upstream.requests()).isEmpty();
  }

  @Test
  void jsonModeOnAnthropic_isRefusedNamingResponseFormat() {
    Candidate claude =
        harness.candidate(
            Fixtures.model("claude", "claude-provider"),
            upstream.baseUrl(),
            s -> s.withKind(ProviderKind.ANTHROPIC));
    ChatRequest json =
        new ChatRequest(
            "auto",
            ask("hi").messages(),
            List.of(),
            Optional.empty(),
            Optional.of(new ResponseFormat.JsonObject()),
            Sampling.DEFAULT,
            false,
            false);

    ChainOutcome<ChatResponse> outcome =
        harness.chain().complete(json, List.of(claude), harness.minutes(1),
            Clearance.ANYWHERE);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ChainOutcome.Failed.class,
            f ->
                assertThat(f.error())
                    .isInstanceOfSatisfying(
                        GatewayError.InvalidRequest.class,
                        e -> assertThat(e.param()).contains("response_format")));
    assertThat(upstream.requests()).isEmpty();
  }

  @Test
  void fallbackThatCannotHonourTheRequest_isSkipped() {
    ScriptedUpstream third = harness.upstream();
    upstream.then(Reply.json(503, "{}"));
    third.then(Reply.json(200, completion("t", "tools ok")));
    Tool tool =
        new Tool("lookup", Optional.empty(), Json.MAPPER.createObjectNode().put("type", "object"));
    ChatRequest withTools =
        new ChatRequest(
            "auto",
            ask("look it up").messages(),
            List.of(tool),
            Optional.empty(),
            Optional.empty(),
            Sampling.DEFAULT,
            false,
            false);

    ChainOutcome<ChatResponse> outcome =
        harness
            .chain()
            .complete(
                withTools,
                List.of(
                    harness.candidate("primary", upstream.baseUrl(), s -> s.withRetries(0)),
                    harness.candidate(
                        Fixtures.model("plain", "plain-provider", Capabilities.TEXT_ONLY),
                        upstream.baseUrl(),
                        UnaryOperator.identity()),
                    harness.candidate("third", third.baseUrl())),
                harness.minutes(1),
                Clearance.ANYWHERE);

    assertThat(outcome).isInstanceOf(ChainOutcome.Served.class);
    assertThat(outcome.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.UPSTREAM_ERROR, Outcome.INCOMPATIBLE, Outcome.SUCCEEDED);
    assertThat(upstream.requests()).hasSize(1);
  }

  @Test
  void answerWithoutUsage_getsCountedUsage() {
    upstream.then(Reply.json(200, completion("m", "Paris is the capital of France.", "")));
    Candidate candidate = harness.candidate("counted", upstream.baseUrl());
    ChatRequest request = ask("What is the capital of France?");

    ChatResponse response =
        harness.chain().complete(request, List.of(candidate), harness.minutes(1),
            Clearance.ANYWHERE).orThrow();

    TokenCounter counter = TokenCounter.named("cl100k_base");
    assertThat(response.usage().source()).isEqualTo(UsageSource.COUNTED);
    assertThat(response.usage().inputTokens())
        .isEqualTo(counter.countPrompt(request.withModel("counted-upstream")));
    assertThat(response.usage().outputTokens())
        .isEqualTo(counter.count("Paris is the capital of France."));
  }
}
