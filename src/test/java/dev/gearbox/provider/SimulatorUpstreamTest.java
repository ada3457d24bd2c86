package dev.gearbox.provider;

import static dev.gearbox.provider.Fixtures.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.UsageSource;
import dev.gearbox.provider.Attempt.Outcome;
import dev.gearbox.sim.Fault;
import dev.gearbox.sim.FaultRule;
import dev.gearbox.sim.ReceivedRequest;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.SimModel;
import dev.gearbox.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The providers and the chain against the project's upstream simulator and its faults. */
class SimulatorUpstreamTest {
  private static Simulator sim;

  private final TestClock clock = TestClock.at("2026-12-03T10:00:00Z");
  private final List<Provider> providers = new ArrayList<>();

  @BeforeAll
  static void startSimulator() {
    SimModel flaky =
        SimModel.of("sim-flaky", "Mixtral-8x7B-Instruct")
            .withFaults(List.of(FaultRule.first(2, new Fault.HttpError(503))));
    sim = Simulator.start(SimConfig.defaults().fast().with(flaky).withTimeoutHoldMs(5_000), 0);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @AfterEach
  void closeProviders() {
    providers.forEach(Provider::close);
  }

  private Provider provider(String name, Map<String, String> headers, Duration attemptTimeout) {
    ProviderSpec spec =
        new ProviderSpec(
            name,
            ProviderKind.OPENAI_COMPATIBLE,
            sim.baseUri(),
            Optional.of(Fixtures.KEY_ENV),
            Locality.ON_PREM,
            Duration.ofSeconds(1),
            attemptTimeout,
            1,
            headers);
    Provider provider = Provider.create(spec, Fixtures::env, clock);
    providers.add(provider);
    return provider;
  }

  private GatewayError failureWithFault(String fault) {
    Provider provider =
        provider("sim", Map.of(Simulator.FAULT_HEADER, fault), Duration.ofSeconds(5));
    GatewayException e =
        catchThrowableOfType(
            GatewayException.class,
            () ->
                provider.complete(
                    ask("What is 2 + 2?").withModel("sim-frontier"),
                    Deadline.after(Duration.ofMinutes(1), clock)));
    assertThat(e).as("fault %s should fail the call", fault).isNotNull();
    return e.error();
  }

  @Test
  void plainCall_returnsTheRecordedAnswerWithUpstreamUsage() {
    Provider provider = provider("sim", Map.of(), Duration.ofSeconds(5));

    ChatResponse response =
        provider.complete(
            ask("What is 2 + 2?").withModel("sim-small"),
            Deadline.after(Duration.ofMinutes(1), clock));

    assertThat(response.first().message().text()).isNotBlank();
    assertThat(response.usage().source()).isEqualTo(UsageSource.UPSTREAM);
    ReceivedRequest seen = sim.received().getLast();
    assertThat(seen.path()).isEqualTo("/v1/chat/completions");
    assertThat(seen.header("authorization")).contains(ReceivedRequest.REDACTED);
  }

  @Test
  void rateLimitFault_carriesRetryAfter() {
    assertThat(failureWithFault("rate_limit;retry_after=4"))
        .isInstanceOfSatisfying(
            GatewayError.UpstreamFailed.class,
            e -> {
              assertThat(e.upstreamStatus()).isEqualTo(429);
              assertThat(e.retryAfterSeconds()).isEqualTo(4);
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503})
  void serverErrorFaults_areUpstreamFailed(int status) {
    assertThat(failureWithFault("http_" + status))
        .isInstanceOfSatisfying(
            GatewayError.UpstreamFailed.class,
            e -> assertThat(e.upstreamStatus()).isEqualTo(status));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "vllm", "llamacpp", "sglang", "ollama"})
  void contextLengthFault_recognisedInEachServersWording(String server) {
    assertThat(failureWithFault("context_length:" + server))
        .isInstanceOf(GatewayError.ContextLengthExceeded.class);
  }

  @Test
  void droppedBody_isUnreachable() {
    assertThat(failureWithFault("drop_mid_stream"))
        .isInstanceOf(GatewayError.UpstreamUnreachable.class);
  }

  @Test
  void timeoutFault_endsAtTheAttemptTimeout() {
    Provider provider =
        provider("sim", Map.of(Simulator.FAULT_HEADER, "timeout"), Duration.ofMillis(300));

    GatewayException e =
        catchThrowableOfType(
            GatewayException.class,
            () ->
                provider.complete(
                    ask("hi").withModel("sim-frontier"),
                    Deadline.after(Duration.ofMinutes(1), clock)));

    assertThat(e.error()).isInstanceOf(GatewayError.UpstreamTimeout.class);
  }

  @Test
  void chain_retriesOnceThenFallsBackFromAFailingModel() {
    sim.clearReceived();
    Provider provider = provider("sim", Map.of(), Duration.ofSeconds(5));
    FallbackChain chain =
        new FallbackChain(
            ChainHarness.NO_JITTER,
            new RecordingSleeper(clock),
            clock,
            new HealthBoard(clock),
            Runnable::run);

    ChainOutcome<ChatResponse> outcome =
        chain.complete(
            ask("What is 2 + 2?"),
            List.of(
                new Candidate(model("flaky", "sim-flaky"), provider),
                new Candidate(model("frontier", "sim-frontier"), provider)),
            Deadline.after(Duration.ofMinutes(1), clock),
            Clearance.ANYWHERE);

    assertThat(outcome).isInstanceOf(ChainOutcome.Served.class);
    assertThat(outcome.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.UPSTREAM_ERROR, Outcome.UPSTREAM_ERROR, Outcome.SUCCEEDED);
    assertThat(sim.received())
        .extracting(r -> r.model().orElseThrow())
        .containsExactly("sim-flaky", "sim-flaky", "sim-frontier");
  }

  private static ModelSpec model(String alias, String upstream) {
    return new ModelSpec(
        alias, "sim", upstream, 32_768, Tier.SMALL, Capabilities.ALL, "cl100k_base");
  }
}
