package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.gateway.AuditedCall;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import dev.gearbox.wire.Json;
import dev.gearbox.wire.StreamAssembler;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an audit record holds, and what it must not hold while content logging is off. */
class AuditRecordsTest {
  private static final String PII_PROMPT = "Draft a letter to Jane Roe, SSN 078-05-1120.";
  private static final String PII_ANSWER = "Dear Jane Roe, regarding 078-05-1120 ...";

  private final AuditedCall call = AuditFixtures.call("req-1", Optional.of("s-1"),
      Optional.of("parent-1"), PII_PROMPT, PII_ANSWER);

  @Test
  void contentOff_keepsDigestsButNoPromptOrAnswerText() {
    String text = Canonical.json(AuditRecords.body(call, false));

    assertThat(text).doesNotContain("Jane", "078-05-1120", "content");
    JsonNode body = read(text);
    assertThat(body.path("request_sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(body.path("answer_sha256").asText()).matches("[0-9a-f]{64}");
  }

  @Test
  void contentOn_keepsRequestAndAnswer_andTheirDigestsCanBeRecomputedFromTheRecord() {
    JsonNode body = read(Canonical.json(AuditRecords.body(call, true)));

    JsonNode content = body.path("content");
    assertThat(content.path("request").toString()).contains(PII_PROMPT);
    assertThat(content.path("answer").get(0).path("text").asText()).isEqualTo(PII_ANSWER);
    assertThat(Canonical.sha256Hex(Canonical.json(content.path("request"))))
        .isEqualTo(body.path("request_sha256").asText());
    assertThat(Canonical.sha256Hex(Canonical.json(content.path("answer"))))
        .isEqualTo(body.path("answer_sha256").asText());
  }

  @Test
  void streamedAnswer_hasTheSameDigestAsTheSameAnswerSentWhole() {
    StreamAssembler stream = new StreamAssembler();
    List.of(new StreamEvent.Started("id", "sim-small", 0, Usage.NONE),
            new StreamEvent.TextDelta(0, "Dear Jane Roe, "),
            new StreamEvent.TextDelta(0, "regarding 078-05-1120 ..."),
            new StreamEvent.Finished(0, FinishReason.STOP),
            new StreamEvent.Completed())
        .forEach(stream::accept);
    AuditedCall streamed = withAnswer(call, stream.result().choices());

    assertThat(AuditRecords.body(streamed, false).path("answer_sha256"))
        .isEqualTo(AuditRecords.body(call, false).path("answer_sha256"));
  }

  @Test
  void recordHoldsWhoWhatWhyAndCost() {
    JsonNode body = AuditRecords.body(call, false);

    assertThat(body.path("request_id").asText()).isEqualTo("req-1");
    assertThat(body.path("key_id").asText()).isEqualTo("team-a");
    assertThat(body.path("session_id").asText()).isEqualTo("s-1");
    assertThat(body.path("parent_call_id").asText()).isEqualTo("parent-1");
    assertThat(body.path("data_label").asText()).isEqualTo("public");
    assertThat(body.at("/decision/served_model").asText()).isEqualTo("sim-small");
    assertThat(body.at("/decision/tier").asText()).isEqualTo("small");
    assertThat(body.at("/decision/reason").asText()).isEqualTo("default-model");
    assertThat(body.at("/decision/cache_status").asText()).isEqualTo("miss");
    assertThat(body.at("/decision/attempts/0").asText()).isEqualTo("sim-small:served");
    assertThat(body.at("/usage/input_tokens").asLong()).isEqualTo(PII_PROMPT.length());
    assertThat(body.path("cost_usd").asText()).isEqualTo("0.000120000000");
    assertThat(body.path("saved_usd").asText()).isEqualTo("0.002280000000");
  }

  @Test
  void upstreamErrorWording_isLeftOut_butTheGatewaysOwnRefusalIsKept() {
    AuditedCall upstreamFailed = withError(call,
        new GatewayError.UpstreamRejected("bad value: 'Jane Roe, SSN 078-05-1120'", 400));
    AuditedCall refused = withError(call,
        new GatewayError.Forbidden("data label 'restricted' allows on-prem providers only"));

    assertThat(AuditRecords.body(upstreamFailed, false).path("error").toString())
        .contains("UpstreamRejected").doesNotContain("Jane");
    assertThat(AuditRecords.body(upstreamFailed, true).at("/error/message").asText())
        .contains("Jane");
    assertThat(AuditRecords.body(refused, false).at("/error/message").asText())
        .contains("on-prem providers only");
  }

  @Test
  void callToString_neverCarriesContent() {
    assertThat(call.toString()).contains("req-1").doesNotContain("Jane");
  }

  private static JsonNode read(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static AuditedCall withAnswer(AuditedCall c, List<Choice> answer) {
    return new AuditedCall(c.context(), c.requestedModel(), c.request(), c.decision(),
        c.httpStatus(), c.error(), c.usage(), c.costUsd(), c.counterfactualUsd(),
        Optional.of(answer));
  }

  private static AuditedCall withError(AuditedCall c, GatewayError error) {
    return new AuditedCall(c.context(), c.requestedModel(), c.request(), c.decision(),
        error.httpStatus(), Optional.of(error), Usage.NONE, BigDecimal.ZERO, BigDecimal.ZERO,
        Optional.empty());
  }
}
