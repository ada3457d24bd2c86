package dev.gearbox.provider;

import static dev.gearbox.provider.Fixtures.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import dev.gearbox.provider.Attempt.Outcome;
import dev.gearbox.provider.ScriptedUpstream.Reply;
import dev.gearbox.provider.ScriptedUpstream.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams: exact reassembly, fallback before content, explicit errors after it. */
class StreamingResilienceTest {
  private static final String TEXT = "Grüße aus Köln 👋, naïve café — ½ ✓";

  private final ChainHarness harness = new ChainHarness();
  private final ScriptedUpstream primary = harness.upstream();
  private final ScriptedUpstream backup = harness.upstream();
  private final List<UpstreamStream> opened = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    opened.forEach(UpstreamStream::close);
    harness.close();
  }

  private ChainOutcome<UpstreamStream> stream(List<Candidate> candidates) {
    ChainOutcome<UpstreamStream> outcome =
        harness.chain().stream(ask("greet me"), candidates, harness.minutes(1),
            Clearance.ANYWHERE);
    if (outcome instanceof ChainOutcome.Served<UpstreamStream> served) {
      opened.add(served.value());
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

  private static OpenAiSse answer(String... pieces) {
    OpenAiSse sse = OpenAiSse.started();
    for (String piece : pieces) {
      sse.text(piece);
    }
    return sse.finish("stop").usage(11, 9).done();
  }

  @Test
  void splitSse_reassemblesExactly() {
    primary.then(
        Reply.sse(answer("Grüße aus ", "Köln 👋", ", naïve café", " — ½ ✓").crlfCutAwkwardly()));

    UpstreamStream stream =
        stream(List.of(harness.candidate("primary", primary.baseUrl()))).orThrow();
    List<StreamEvent> events = drain(stream);

    assertThat(text(events)).isEqualTo(TEXT);
    assertThat(events.getFirst()).isInstanceOf(StreamEvent.Started.class);
    assertThat(events.getLast()).isEqualTo(new StreamEvent.Completed());
    assertThat(events).contains(new StreamEvent.UsageReported(Usage.upstream(11, 9)));
  }

  @Test
  void httpErrorBeforeTheStream_fallsBack() {
    primary.then(Reply.json(503, "{}"), Reply.json(503, "{}"));
    backup.then(Reply.sse(answer("from backup").frames()));

    ChainOutcome<UpstreamStream> outcome =
        stream(
            List.of(
                harness.candidate("primary", primary.baseUrl()),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(text(drain(outcome.orThrow()))).isEqualTo("from backup");
    assertThat(outcome.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.UPSTREAM_ERROR, Outcome.UPSTREAM_ERROR, Outcome.SUCCEEDED);
  }

  @Test
  void errorEventBeforeContent_fallsBackAndReplaysOnlyTheServingStream() {
    primary.then(Reply.sse(OpenAiSse.started().error("The server is overloaded").frames()));
    backup.then(Reply.sse(answer("from ", "backup").frames()));

    ChainOutcome<UpstreamStream> outcome =
        stream(
            List.of(
                harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(0)),
                harness.candidate("backup", backup.baseUrl())));
    List<StreamEvent> events = drain(outcome.orThrow());

    assertThat(text(events)).isEqualTo("from backup");
    assertThat(events).filteredOn(StreamEvent.Started.class::isInstance).hasSize(1);
    assertThat(events.getFirst()).isInstanceOf(StreamEvent.Started.class);
    assertThat(outcome.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.UPSTREAM_ERROR, Outcome.SUCCEEDED);
  }

  @Test
  void dropBeforeContent_fallsBack() {
    primary.then(Reply.sse(OpenAiSse.started().frames()).and(new Step.Reset()));
    backup.then(Reply.sse(answer("safe").frames()));

    ChainOutcome<UpstreamStream> outcome =
        stream(
            List.of(
                harness.candidate("primary", primary.baseUrl(), s -> s.withRetries(0)),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(text(drain(outcome.orThrow()))).isEqualTo("safe");
    assertThat(outcome.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.UNREACHABLE, Outcome.SUCCEEDED);
  }

  @Test
  void silenceBeforeContent_timesOutAndFallsBack() {
    primary.then(
        Reply.sse(OpenAiSse.started().frames()).and(new Step.Pause(Duration.ofSeconds(5))));
    backup.then(Reply.sse(answer("prompt").frames()));

    ChainOutcome<UpstreamStream> outcome =
        stream(
            List.of(
                harness.candidate(
                    "primary",
                    primary.baseUrl(),
                    s -> s.withRetries(0).withAttemptTimeout(Duration.ofMillis(300))),
                harness.candidate("backup", backup.baseUrl())));

    assertThat(text(drain(outcome.orThrow()))).isEqualTo("prompt");
    assertThat(outcome.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
  }

  @Test
  void errorAfterContentInOneChunk_surfacesAfterTheDeliveredContent() {
    primary.then(
        Reply.sseAtOnce(
            OpenAiSse.started()
                .text("Half an ")
                .text("answer")
                .error("The server had an error while processing your request")
                .frames()));
    backup.then(Reply.sse(answer("must not be used").frames()));

    UpstreamStream stream =
        stream(
                List.of(
                    harness.candidate("primary", primary.baseUrl()),
                    harness.candidate("backup", backup.baseUrl())))
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

    assertThat(text(delivered)).isEqualTo("Half an answer");
    assertThat(delivered).noneMatch(e -> e instanceof StreamEvent.Completed);
    assertThat(failure).as("the stream must fail, not end").isNotNull();
    assertThat(failure.error()).isInstanceOf(GatewayError.UpstreamFailed.class);
    assertThat(catchThrowableOfType(GatewayException.class, stream::next)).isSameAs(failure);
    assertThat(backup.requests()).isEmpty();
  }

  @Test
  void dropAfterContent_surfacesAsUnreachable() {
    primary.then(
        Reply.sse(OpenAiSse.started().text("Half").frames())
            .and(new Step.Pause(Duration.ofMillis(200)), new Step.Reset()));

    UpstreamStream stream =
        stream(List.of(harness.candidate("primary", primary.baseUrl()))).orThrow();

    assertThat(stream.next()).containsInstanceOf(StreamEvent.Started.class);
    assertThat(stream.next()).contains(new StreamEvent.TextDelta(0, "Half"));
    GatewayException failure = catchThrowableOfType(GatewayException.class, stream::next);
    assertThat(failure.error()).isInstanceOf(GatewayError.UpstreamUnreachable.class);
  }

  @Test
  void resetAfterTheLastEvent_keepsTheWholeAnswer() {
    primary.then(
        Reply.sse(answer("every ", "byte ", "kept").frames())
            .and(new Step.Pause(Duration.ofMillis(200)), new Step.Reset()));

    List<StreamEvent> events =
        drain(stream(List.of(harness.candidate("primary", primary.baseUrl()))).orThrow());

    assertThat(text(events)).isEqualTo("every byte kept");
    assertThat(events.getLast()).isEqualTo(new StreamEvent.Completed());
  }

  @Test
  void silenceAfterContent_surfacesAsTimeout() {
    primary.then(
        Reply.sse(OpenAiSse.started().text("Half").frames())
            .and(new Step.Pause(Duration.ofSeconds(5))));

    UpstreamStream stream =
        stream(
                List.of(
                    harness.candidate(
                        "primary",
                        primary.baseUrl(),
                        s -> s.withAttemptTimeout(Duration.ofMillis(1000)))))
            .orThrow();
    stream.next();
    stream.next();

    GatewayException failure = catchThrowableOfType(GatewayException.class, stream::next);
    assertThat(failure.error()).isInstanceOf(GatewayError.UpstreamTimeout.class);
  }

  @Test
  void streamWithoutUsage_getsCountedUsageBeforeCompleted() {
    primary.then(
        Reply.sse(OpenAiSse.started().text("Hello").text(" there").finish("stop").done().frames()));

    List<StreamEvent> events =
        drain(stream(List.of(harness.candidate("primary", primary.baseUrl()))).orThrow());

    TokenCounter counter = TokenCounter.named("cl100k_base");
    StreamEvent.UsageReported usage = (StreamEvent.UsageReported) events.get(events.size() - 2);
    assertThat(usage.usage().source()).isEqualTo(UsageSource.COUNTED);
    assertThat(usage.usage().outputTokens())
        .isEqualTo(counter.count("Hello there"));
    assertThat(usage.usage().inputTokens())
        .isEqualTo(counter.countPrompt(ask("greet me").withModel("primary-upstream")));
    assertThat(events.getLast()).isEqualTo(new StreamEvent.Completed());
  }

  @Test
  void streamedRequest_asksTheUpstreamForUsage() {
    primary.then(Reply.sse(answer("x").frames()));

    drain(stream(List.of(harness.candidate("primary", primary.baseUrl()))).orThrow());

    assertThat(primary.requests().getFirst().body())
        .contains("\"stream\":true")
        .contains("\"include_usage\":true");
    assertThat(primary.requests().getFirst().headers())
        .containsEntry("accept", "text/event-stream");
  }

  @Test
  void keyEchoedInAStreamError_isScrubbed() {
    primary.then(
        Reply.sse(OpenAiSse.started().text("a").error("bad key " + Fixtures.KEY).frames()));

    UpstreamStream stream =
        stream(List.of(harness.candidate("primary", primary.baseUrl()))).orThrow();
    stream.next();
    stream.next();

    GatewayException failure = catchThrowableOfType(GatewayException.class, stream::next);
    assertThat(failure.getMessage()).doesNotContain(Fixtures.KEY);
  }
}
