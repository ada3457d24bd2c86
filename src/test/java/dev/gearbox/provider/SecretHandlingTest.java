package dev.gearbox.provider;

import static dev.gearbox.provider.Fixtures.KEY;
import static dev.gearbox.provider.Fixtures.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.model.GatewayException;
import dev.gearbox.provider.ScriptedUpstream.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API key reaches the upstream and nothing else: no log line, message or error body. */
class SecretHandlingTest {
  private final ChainHarness harness = new ChainHarness();
  private final ScriptedUpstream upstream = harness.upstream();
  private final LogCapture logs = new LogCapture("dev.gearbox.provider");

  @AfterEach
  void tearDown() throws Exception {
    logs.close();
    harness.close();
  }

  private static String everything(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  @Test
  void openAiCompatible_sendsTheKeyAsBearerToken() {
    upstream.then(Reply.json(200, Fixtures.completion("m", "ok")));

    harness
        .chain()
        .complete(
            ask("hi"), List.of(harness.candidate("m", upstream.baseUrl())), harness.minutes(1),
            Clearance.ANYWHERE)
        .orThrow();

    assertThat(upstream.requests().getFirst().headers())
        .containsEntry("authorization", "Bearer " + KEY)
        .doesNotContainKey("x-api-key");
  }

  @Test
  void upstreamEchoingTheKey_isScrubbedFromMessageAttemptsAndLogs() {
    upstream.then(
        Reply.json(
            400,
            """
            {"error":{"message":"header 'Authorization: Bearer %s' is not valid for model m",\
            "type":"invalid_request_error"}}\
            """
                .formatted(KEY)));

    ChainOutcome<?> outcome =
        harness
            .chain()
            .complete(
                ask("hi"), List.of(harness.candidate("m", upstream.baseUrl())), harness.minutes(1),
                Clearance.ANYWHERE);
    GatewayException e = catchThrowableOfType(GatewayException.class, outcome::orThrow);

    assertThat(e.getMessage()).contains("[redacted]").doesNotContain(KEY);
    assertThat(everything(e)).doesNotContain(KEY);
    assertThat(outcome.attempts())
        .allSatisfy(a -> assertThat(a.error().orElseThrow().message()).doesNotContain(KEY));
    assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("HTTP 400"));
    assertThat(logs.lines()).allSatisfy(line -> assertThat(line).doesNotContain(KEY));
  }

  @Test
  void maskedEchoOfTheKey_isScrubbedToo() {
    String masked = "sk-test-****************" + KEY.substring(KEY.length() - 4);
    upstream.then(
        Reply.json(404, "{\"error\":{\"message\":\"key " + masked + " has no access\"}}"));

    GatewayException e =
        catchThrowableOfType(
            GatewayException.class,
            () ->
                harness
                    .chain()
                    .complete(
                        ask("hi"),
                        List.of(harness.candidate("m", upstream.baseUrl())),
                        harness.minutes(1),
                        Clearance.ANYWHERE)
                    .orThrow());

    assertThat(e.getMessage())
        .doesNotContain(masked)
        .doesNotContain(KEY.substring(KEY.length() - 4));
    assertThat(logs.lines()).allSatisfy(line -> assertThat(line).doesNotContain(masked));
  }

  @Test
  void credentialHeaderValues_areSecretsToo() {
    String token = "Basic dXNlcjpodW50ZXIy";
    upstream.then(
        Reply.json(403, "{\"error\":\"bad credentials " + token + "\"}"),
        Reply.json(500, "{\"error\":\"proxy saw dXNlcjpodW50ZXIy\"}"));

    Candidate candidate =
        harness.candidate(
            "m",
            upstream.baseUrl(),
            s ->
                new ProviderSpec(
                    s.name(),
                    s.kind(),
                    s.baseUrl(),
                    Optional.empty(),
                    s.locality(),
                    s.connectTimeout(),
                    s.attemptTimeout(),
                    0,
                    Map.of("authorization", token)));
    harness.chain().complete(ask("hi"), List.of(candidate), harness.minutes(1),
        Clearance.ANYWHERE);

    assertThat(upstream.requests().getFirst().headers()).containsEntry("authorization", token);
    assertThat(logs.lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).doesNotContain("dXNlcjpodW50ZXIy"));
  }

  @Test
  void failedConnection_logsAndMessagesCarryNoKey() {
    ChainOutcome<?> outcome =
        harness
            .chain()
            .complete(
                ask("hi"),
                List.of(harness.candidate("m", ChainHarness.refusing())),
                harness.minutes(1),
                Clearance.ANYWHERE);

    GatewayException e = catchThrowableOfType(GatewayException.class, outcome::orThrow);
    assertThat(everything(e)).doesNotContain(KEY);
    assertThat(logs.lines()).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(KEY));
  }

  @Test
  void missingKeyVariable_failsAtStartNamingTheVariableOnly() {
    ProviderSpec spec = Fixtures.openAi("openai", upstream.baseUrl());

    assertThatThrownBy(() -> Provider.create(spec, name -> Optional.empty(), harness.clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "provider 'openai': environment variable %s holds no API key", Fixtures.KEY_ENV);
  }

  @Test
  void providerDescription_showsNoKey() {
    Provider provider =
        Provider.create(
            Fixtures.openAi("openai", upstream.baseUrl()), Fixtures::env, harness.clock);

    assertThat(provider.toString()).contains("openai").doesNotContain(KEY);
    provider.close();
  }

  @Test
  void keyIsReadOnceAtStart() {
    int[] reads = {0};
    Provider provider =
        Provider.create(
            Fixtures.openAi("openai", upstream.baseUrl()),
            name -> {
              reads[0]++;
              return Fixtures.env(name);
            },
            harness.clock);
    upstream.then(
        Reply.json(200, Fixtures.completion("m", "a")),
        Reply.json(200, Fixtures.completion("m", "b")));

    provider.complete(
        ask("1").withModel("m"), Deadline.after(Duration.ofMinutes(1), harness.clock));
    provider.complete(
        ask("2").withModel("m"), Deadline.after(Duration.ofMinutes(1), harness.clock));
    provider.close();

    assertThat(reads[0]).isEqualTo(1);
  }
}
