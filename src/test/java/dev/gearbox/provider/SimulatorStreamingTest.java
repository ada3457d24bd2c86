package dev.gearbox.provider;

import static dev.gearbox.provider.Fixtures.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.UsageSource;
import dev.gearbox.provider.Attempt.Outcome;
import dev.gearbox.sim.ReceivedRequest;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams from the simulator in both APIs, with its stream faults: the chain falls back before
 * content and fails explicitly after it.
 */
class SimulatorStreamingTest {
  private static final String PROMPT = "Explain in two sentences why the sky is blue.";

  private static Simulator sim;

  private final TestClock clock = TestClock.at("2026-12-03T10:00:00Z");
  private final List<AutoCloseable> owned = new ArrayList<>();

  @BeforeAll
  static void startSimulator() {
    sim = Simulator.start(SimConfig.defaults().fast(), 0);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : owned.reversed()) {
      resource.close();
    }
  }

  private Candidate candidate(ProviderKind kind, String upstreamModel, String fault) {
    Map<String, String> headers =
        fault.isEmpty() ? Map.of() : Map.of(Simulator.FAULT_HEADER, fault);
    String name = kind.name().toLowerCase() + "-" + (fault.isEmpty() ? "plain" : fault);
    ProviderSpec spec =
        new ProviderSpec(
            name,
            kind,
            sim.baseUri(),
            Optional.of(Fixtures.KEY_ENV),
            Locality.ON_PREM,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            0,
            headers);
    Provider provider = Provider.create(spec, Fixtures::env, clock);
    owned.add(provider);
    return new Candidate(
        new ModelSpec(
            name + "-model",
            name,
            upstreamModel,
            32_768,
            Tier.SMALL,
            Capabilities.ALL,
            "cl100k_base"),
        provider);
  }

  private ChainOutcome<UpstreamStream> stream(Candidate... candidates) {
    FallbackChain chain =
        new FallbackChain(
            ChainHarness.NO_JITTER,
            new RecordingSleeper(clock),
            clock,
            new HealthBoard(clock),
            Runnable::run);
    ChainOutcome<UpstreamStream> outcome =
        chain.stream(
            ask(PROMPT), List.of(candidates), Deadline.after(Duration.ofMinutes(1), clock),
            Clearance.ANYWHERE);
    if (outcome instanceof ChainOutcome.Served<UpstreamStream> served) {
      owned.add(served.value());
    }
    return outcome;
  }

  private static List<StreamEvent> drain(UpstreamStream stream) {
    List<StreamEvent> events = new ArrayList<>();
    for (Optional<StreamEvent> e = stream.next(); e.isPresent(); e = stream.next()) {
      events.add(e.get());
    }
    return events;
  }

  private static String text(List<StreamEvent> events) {
    return events.stream()
        .filter(StreamEvent.TextDelta.class::isInstance)
        .map(e -> ((StreamEvent.TextDelta) e).text())
        .collect(Collectors.joining());
  }

  private String completeText(ProviderKind kind) {
    Candidate plain = candidate(kind, "sim-frontier", "");
    ChatRequest request = ask(PROMPT).withModel("sim-frontier");
    return plain
        .provider()
        .complete(request, Deadline.after(Duration.ofMinutes(1), clock))
        .first()
        .message()
        .text();
  }

  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void splitSse_reassemblesTheSameAnswerAsTheWholeBody(ProviderKind kind) {
    String whole = completeText(kind);

    List<StreamEvent> events =
        drain(stream(candidate(kind, "sim-frontier", "split_sse")).orThrow());

    assertThat(text(events)).isEqualTo(whole);
    assertThat(events.getLast()).isEqualTo(new StreamEvent.Completed());
    assertThat(events)
        .filteredOn(StreamEvent.UsageReported.class::isInstance)
        .hasSize(1)
        .allSatisfy(
            e ->
                assertThat(((StreamEvent.UsageReported) e).usage().source())
                    .isEqualTo(UsageSource.UPSTREAM));
  }

  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void errorBeforeContent_fallsBackToTheNextModel(ProviderKind kind) {
    ChainOutcome<UpstreamStream> outcome =
        stream(
            candidate(kind, "sim-frontier", "error_in_stream;after=0"),
            candidate(kind, "sim-small", ""));

    assertThat(text(drain(outcome.orThrow()))).isNotBlank();
    assertThat(outcome.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.UPSTREAM_ERROR, Outcome.SUCCEEDED);
  }

  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void errorAfterContent_failsTheStreamAfterTheDeliveredDeltas(ProviderKind kind) {
    UpstreamStream stream =
        stream(
                candidate(kind, "sim-frontier", "error_in_stream;after=3"),
                candidate(kind, "sim-small", ""))
            .orThrow();
    List<StreamEvent> delivered = new ArrayList<>();

    GatewayException failure =
        catchThrowableOfType(
            GatewayException.class,
            () -> {
              for (Optional<StreamEvent> e = stream.next(); e.isPresent(); e = stream.next()) {
                delivered.add(e.get());
              }
            });

    assertThat(failure).as("the stream must end in an error").isNotNull();
    assertThat(failure.error().retryable()).isTrue();
    assertThat(delivered).filteredOn(StreamEvent.TextDelta.class::isInstance).hasSize(3);
    assertThat(delivered).noneMatch(StreamEvent.Completed.class::isInstance);
  }

  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void dropAfterContent_failsTheStreamAsUnreachable(ProviderKind kind) {
    UpstreamStream stream =
        stream(candidate(kind, "sim-frontier", "drop_mid_stream;after=2")).orThrow();
    List<StreamEvent> delivered = new ArrayList<>();

    GatewayException failure =
        catchThrowableOfType(
            GatewayException.class,
            () -> {
              for (Optional<StreamEvent> e = stream.next(); e.isPresent(); e = stream.next()) {
                delivered.add(e.get());
              }
            });

    assertThat(failure.error()).isInstanceOf(GatewayError.UpstreamUnreachable.class);
    assertThat(delivered).filteredOn(StreamEvent.TextDelta.class::isInstance).hasSize(2);
    assertThat(delivered).noneMatch(StreamEvent.Completed.class::isInstance);
  }

  @Test
  void anthropic_contextLengthInItsWording_fallsBack() {
    ChainOutcome<UpstreamStream> outcome =
        stream(
            candidate(ProviderKind.ANTHROPIC, "sim-frontier", "context_length:anthropic"),
            candidate(ProviderKind.ANTHROPIC, "sim-small", ""));

    assertThat(text(drain(outcome.orThrow()))).isNotBlank();
    assertThat(outcome.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.CONTEXT_LENGTH_EXCEEDED, Outcome.SUCCEEDED);
  }

  @Test
  void anthropic_sendsItsKeyHeaderAndVersionToTheMessagesEndpoint() {
    sim.clearReceived();

    completeText(ProviderKind.ANTHROPIC);

    ReceivedRequest seen = sim.received().getLast();
    assertThat(seen.path()).isEqualTo("/v1/messages");
    assertThat(seen.header("x-api-key")).contains(ReceivedRequest.REDACTED);
    assertThat(seen.header("anthropic-version")).contains("2023-06-01");
    assertThat(seen.header("authorization")).isEmpty();
  }
}
