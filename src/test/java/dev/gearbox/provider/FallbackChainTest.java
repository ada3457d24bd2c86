package dev.gearbox.provider;

import static dev.gearbox.provider.Fixtures.ask;
import static dev.gearbox.provider.Fixtures.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.provider.Attempt.Outcome;
import dev.gearbox.provider.ScriptedUpstream.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries, backoff, Retry-After, fallback and deadlines of non-streamed calls. */
class FallbackChainTest {
  private final ChainHarness harness = new ChainHarness();
  private final ScriptedUpstream primary = harness.upstream();
  private final ScriptedUpstream backup = harness.upstream();

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private ChainOutcome<ChatResponse> call(List<Candidate> candidates) {
    return harness.chain().complete(ask("hi"), candidates, harness.minutes(5),
        Clearance.ANYWHERE);
  }

  private static List<Outcome> outcomes(ChainOutcome<?> outcome) {
    return outcome.attempts().stream().map(Attempt::outcome).toList();
  }

  private static String servedBy(ChainOutcome<ChatResponse> outcome) {
    assertThat(outcome).isInstanceOf(ChainOutcome.Served.class);
    return ((ChainOutcome.Served<ChatResponse>) outcome).model().alias();
  }

  private static GatewayError failure(ChainOutcome<?> outcome) {
    assertThat(outcome).isInstanceOf(ChainOutcome.Failed.class);
    return ((ChainOutcome.Failed<?>) outcome).error();
  }

  /** A provider spec as configured with {@code locality: external}. */
  private static ProviderSpec external(ProviderSpec spec) {
    return new ProviderSpec(spec.name(), spec.kind(), spec.baseUrl(), spec.apiKeyEnv(),
        Locality.EXTERNAL, spec.connectTimeout(), spec.attemptTimeout(), spec.maxRetries(),
        spec.extraHeaders());
  }

  @Test
  void clearance_withholdsAForbiddenProvider_andServesFromTheNextAllowedOne() {
    primary.then(Reply.json(200, completion("p", "from the cloud")));
    backup.then(Reply.json(200, completion("b", "from on-prem")));
    Clearance onPrem = new Clearance("restricted", Set.of(Locality.ON_PREM));

    ChainOutcome<ChatResponse> outcome = harness.chain().complete(ask("hi"),
        List.of(harness.candidate("cloud", primary.baseUrl(), FallbackChainTest::external),
            harness.candidate("site", backup.baseUrl())),
        harness.minutes(5), onPrem);

    assertThat(servedBy(outcome)).isEqualTo("site");
    assertThat(outcomes(outcome)).containsExactly(Outcome.WITHHELD, Outcome.SUCCEEDED);
    assertThat(primary.requests()).isEmpty();
    assertThat(call(List.of(harness.candidate("again", primary.baseUrl(),
        FallbackChainTest::external)))).isInstanceOf(ChainOutcome.Served.class);
    assertThat(primary.requests()).as("control: without the clearance it is called").hasSize(1);
  }

  @Test
  void clearance_withEveryProviderForbidden_failsWith403_plainOrStreamed_withoutACall() {
    Clearance onPrem = new Clearance("restricted", Set.of(Locality.ON_PREM));
    List<Candidate> cloudOnly = List.of(
        harness.candidate("cloud", primary.baseUrl(), FallbackChainTest::external),
        harness.candidate("cloud-2", backup.baseUrl(), FallbackChainTest::external));

    ChainOutcome<ChatResponse> plain =
        harness.chain().complete(ask("hi"), cloudOnly, harness.minutes(5), onPrem);
    ChainOutcome<UpstreamStream> streamed =
        harness.chain().stream(ask("hi"), cloudOnly, harness.minutes(5), onPrem);

    for (ChainOutcome<?> outcome : List.of(plain, streamed)) {
      assertThat(failure(outcome)).isInstanceOfSatisfying(GatewayError.Forbidden.class,
          f -> assertThat(f.message()).contains("data label 'restricted'", "model 'cloud'"));
      assertThat(outcomes(outcome)).containsExactly(Outcome.WITHHELD, Outcome.WITHHELD);
    }
    assertThat(primary.requests()).isEmpty();
    assertThat(backup.requests()).isEmpty();
  }

  @Test
  void oneRetry_meansExactlyTwoAttemptsBeforeFallingBack() {
    primary.then(
        Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(200, completion("p", "late")));
    backup.then(Reply.json(200, completion("b", "from backup")));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(1)),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(primary.requests()).hasSize(2);
    assertThat(outcomes(outcome))
        .containsExactly(Outcome.UPSTREAM_ERROR, Outcome.UPSTREAM_ERROR, Outcome.SUCCEEDED);
    assertThat(outcome.attempts().getFirst().httpStatus()).isEqualTo(OptionalInt.of(503));
    assertThat(outcome.orThrow().first().message().text()).isEqualTo("from backup");
  }

  @Test
  void zeroRetries_meansOneAttempt() {
    primary.then(Reply.json(500, "{}"), Reply.json(200, completion("p", "late")));
    backup.then(Reply.json(200, completion("b", "ok")));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(0)),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(primary.requests()).hasSize(1);
    assertThat(harness.sleeper.waits()).isEmpty();
  }

  @Test
  void backoff_doublesBetweenRetries() {
    primary.then(
        Reply.json(500, "{}"),
        Reply.json(502, "{}"),
        Reply.json(503, "{}"),
        Reply.json(200, completion("p", "third time lucky")));

    ChainOutcome<ChatResponse> outcome =
        call(List.of(harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(3))));

    assertThat(servedBy(outcome)).isEqualTo("primary");
    assertThat(harness.sleeper.waits())
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void retryAfter_isWaitedBeforeRetryingTheSameModel() {
    primary.then(
        Reply.json(429, Map.of("retry-after", "3"), "{}"), Reply.json(200, completion("p", "ok")));

    ChainOutcome<ChatResponse> outcome =
        call(List.of(harness.candidate("primary", primary.baseUrl())));

    assertThat(servedBy(outcome)).isEqualTo("primary");
    assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(3));
    assertThat(outcomes(outcome)).containsExactly(Outcome.RATE_LIMITED, Outcome.SUCCEEDED);
  }

  @Test
  void retryAfterBeyondTheDeadline_fallsBackWithoutWaiting() {
    primary.then(Reply.json(429, Map.of("retry-after", "30"), "{}"));
    backup.then(Reply.json(200, completion("b", "ok")));

    ChainOutcome<ChatResponse> outcome =
        harness
            .chain()
            .complete(
                ask("hi"),
                List.of(
                    harness.candidate("primary", primary.baseUrl()),
                    harness.candidate("backup", backup.baseUrl())),
                Deadline.after(Duration.ofSeconds(10), harness.clock),
                Clearance.ANYWHERE);

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(harness.sleeper.waits()).isEmpty();
    assertThat(primary.requests()).hasSize(1);
  }

  @Test
  void rateLimitedThroughout_fallsBack() {
    primary.then(Reply.json(429, "{}"), Reply.json(429, "{}"));
    backup.then(Reply.json(200, completion("b", "ok")));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate("primary", primary.baseUrl()),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(outcomes(outcome))
        .containsExactly(Outcome.RATE_LIMITED, Outcome.RATE_LIMITED, Outcome.SUCCEEDED);
  }

  @Test
  void attemptTimeout_fallsBack() {
    primary.then(Reply.hang(Duration.ofSeconds(5)));
    backup.then(Reply.json(200, completion("b", "ok")));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate(
                    "primary",
                    primary.baseUrl(),
                    s -> s.withRetries(0).withAttemptTimeout(Duration.ofMillis(200))),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(outcomes(outcome)).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
  }

  @Test
  void connectionRefused_fallsBack() {
    backup.then(Reply.json(200, completion("b", "ok")));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate("primary", ChainHarness.refusing()),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(outcomes(outcome))
        .containsExactly(Outcome.UNREACHABLE, Outcome.UNREACHABLE, Outcome.SUCCEEDED);
  }

  @Test
  void contextLength_fallsBackAtOnceWithoutRetrying() {
    primary.then(
        Reply.json(
            400,
            """
            {"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5120 tokens (4096 in the messages, 1024 in the completion).","type":"BadRequestError","param":null,"code":400}\
            """));
    backup.then(Reply.json(200, completion("b", "long context ok")));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(3)),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(primary.requests()).hasSize(1);
    assertThat(outcomes(outcome))
        .containsExactly(Outcome.CONTEXT_LENGTH_EXCEEDED, Outcome.SUCCEEDED);
    assertThat(outcome.attempts().getFirst().httpStatus()).isEqualTo(OptionalInt.of(400));
    assertThat(harness.sleeper.waits()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 409, 422})
  void clientErrors_neverRetryNorFallBack(int status) {
    primary.then(Reply.json(status, "{\"error\":{\"message\":\"no\"}}"));
    backup.then(Reply.json(200, completion("b", "should not be asked")));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(3)),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(failure(outcome))
        .isInstanceOfSatisfying(
            GatewayError.UpstreamRejected.class,
            e -> assertThat(e.httpStatus()).isEqualTo(status));
    assertThat(primary.requests()).hasSize(1);
    assertThat(backup.requests()).isEmpty();
    assertThat(outcomes(outcome)).containsExactly(Outcome.REJECTED);
  }

  /** A refused key, a spent account or a model the upstream lacks: the next provider may do. */
  @ParameterizedTest
  @ValueSource(ints = {401, 402, 403, 404})
  void upstreamRefusingTheGateway_fallsBackWithoutRetry(int status) {
    primary.then(Reply.json(status, "{\"error\":{\"message\":\"no\"}}"));
    backup.then(Reply.json(200, completion("b", "from the backup")));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(3)),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(primary.requests()).hasSize(1);
    assertThat(outcomes(outcome)).containsExactly(Outcome.UNUSABLE, Outcome.SUCCEEDED);
    assertThat(harness.sleeper.waits()).isEmpty();
  }

  @Test
  void aModelFailingInARow_isPassedOverUntilItsCooldownHasPassed() {
    FallbackChain chain = harness.chainWithCooldown(Duration.ofSeconds(30));
    List<Candidate> candidates =
        List.of(
            harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(0)),
            harness.candidate("backup", backup.baseUrl()));
    primary.then(Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(503, "{}"));
    for (int i = 0; i < 4; i++) {
      backup.then(Reply.json(200, completion("b", "from the backup")));
    }

    for (int i = 0; i < 3; i++) {
      chain.complete(ask("hi"), candidates, harness.minutes(5), Clearance.ANYWHERE);
    }
    ChainOutcome<ChatResponse> passedOver =
        chain.complete(ask("hi"), candidates, harness.minutes(5), Clearance.ANYWHERE);

    assertThat(primary.requests()).hasSize(3);
    assertThat(servedBy(passedOver)).isEqualTo("backup");
    assertThat(outcomes(passedOver)).containsExactly(Outcome.COOLING_DOWN, Outcome.SUCCEEDED);

    harness.clock.advance(Duration.ofSeconds(31));
    primary.then(Reply.json(200, completion("p", "from the primary")));
    ChainOutcome<ChatResponse> after = chain.complete(ask("hi"), candidates, harness.minutes(5), Clearance.ANYWHERE);

    assertThat(servedBy(after)).isEqualTo("primary");
  }

  @Test
  void aModelCoolingDown_isStillTriedWhenNoOtherCanTakeTheRequest() {
    FallbackChain chain = harness.chainWithCooldown(Duration.ofSeconds(30));
    List<Candidate> alone =
        List.of(harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(0)));
    primary.then(Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(503, "{}"));
    for (int i = 0; i < 3; i++) {
      chain.complete(ask("hi"), alone, harness.minutes(5), Clearance.ANYWHERE);
    }
    primary.then(Reply.json(200, completion("p", "back again")));

    ChainOutcome<ChatResponse> outcome = chain.complete(ask("hi"), alone, harness.minutes(5), Clearance.ANYWHERE);

    assertThat(servedBy(outcome)).isEqualTo("primary");
    assertThat(primary.requests()).hasSize(4);
  }

  @Test
  void requestsRefusedAsInvalid_neverCoolAModelDown() {
    FallbackChain chain = harness.chainWithCooldown(Duration.ofSeconds(30));
    List<Candidate> candidates =
        List.of(
            harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(0)),
            harness.candidate("backup", backup.baseUrl()));
    for (int i = 0; i < 3; i++) {
      primary.then(Reply.json(400, "{\"error\":{\"message\":\"bad temperature\"}}"));
      chain.complete(ask("hi"), candidates, harness.minutes(5), Clearance.ANYWHERE);
    }
    primary.then(Reply.json(200, completion("p", "fine")));

    assertThat(servedBy(chain.complete(ask("hi"), candidates, harness.minutes(5),
        Clearance.ANYWHERE)))
        .isEqualTo("primary");
  }

  @Test
  void everyModelFailing_returnsTheLastFailureWithEveryAttempt() {
    primary.then(Reply.json(503, "{}"), Reply.json(503, "{}"));
    backup.then(Reply.json(500, "{}"), Reply.json(500, "{}"));

    ChainOutcome<ChatResponse> outcome =
        call(
            List.of(
                harness.candidate("primary", primary.baseUrl()),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(failure(outcome))
        .isEqualTo(
            new GatewayError.UpstreamFailed(
                "upstream 'backup-provider' failed with HTTP 500", 500, 0));
    assertThat(outcome.attempts())
        .extracting(Attempt::modelAlias)
        .containsExactly("primary", "primary", "backup", "backup");
  }

  @Test
  void totalDeadline_capsTheAttemptAndStopsTheChain() {
    primary.then(Reply.hang(Duration.ofSeconds(5)));
    backup.then(Reply.json(200, completion("b", "too late to ask")));
    Clock real = Clock.systemUTC();

    long started = System.nanoTime();
    ChainOutcome<ChatResponse> outcome =
        harness
            .chain(real)
            .complete(
                ask("hi"),
                List.of(
                    harness.candidate("primary", primary.baseUrl()),
                    harness.candidate("backup", backup.baseUrl())),
                Deadline.after(Duration.ofMillis(300), real),
                Clearance.ANYWHERE);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(failure(outcome)).isInstanceOf(GatewayError.UpstreamTimeout.class);
    assertThat(outcomes(outcome)).containsExactly(Outcome.TIMED_OUT);
    assertThat(backup.requests()).isEmpty();
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(outcome.attempts().getFirst().duration()).isGreaterThan(Duration.ofMillis(250));
  }

  @Test
  void backoffThatWouldOutlastTheDeadline_fallsBackInstead() {
    primary.then(Reply.json(502, "{}"));
    backup.then(Reply.json(200, completion("b", "ok")));

    RetryPolicy slowBackoff =
        new RetryPolicy(Duration.ofSeconds(20), Duration.ofSeconds(20), 0, new SplittableRandom(1));

    ChainOutcome<ChatResponse> outcome =
        harness
            .chain(slowBackoff, Clock.systemUTC())
            .complete(
                ask("hi"),
                List.of(
                    harness.candidate("primary", primary.baseUrl()),
                    harness.candidate("backup", backup.baseUrl())),
                Deadline.after(Duration.ofSeconds(10), harness.clock),
                Clearance.ANYWHERE);

    assertThat(servedBy(outcome)).isEqualTo("backup");
    assertThat(harness.sleeper.waits()).isEmpty();
    assertThat(primary.requests()).hasSize(1);
  }

  @Test
  void health_countsUpstreamFailuresAndResetsOnSuccess() {
    primary.then(Reply.json(503, "{}"), Reply.json(503, "{}"));
    backup.then(Reply.json(200, completion("b", "ok")));

    call(
        List.of(
            harness.candidate("primary", primary.baseUrl()),
            harness.candidate("backup", backup.baseUrl())));

    ProviderHealth failing = harness.health.health("primary-provider");
    assertThat(failing.consecutiveFailures()).isEqualTo(2);
    assertThat(failing.lastFailure()).contains(Outcome.UPSTREAM_ERROR);
    assertThat(failing.lastError()).contains("upstream 'primary-provider' failed with HTTP 503");
    assertThat(failing.healthy()).isFalse();
    assertThat(harness.health.health("backup-provider").healthy()).isTrue();
    assertThat(harness.health.snapshot()).containsOnlyKeys("primary-provider", "backup-provider");
  }
}
