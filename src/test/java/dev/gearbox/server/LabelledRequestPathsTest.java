package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.compress.AgentTraces;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.route.RouterFile;
import dev.gearbox.route.RouterModel;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import dev.gearbox.wire.OpenAiCodec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every path by which a request's content can reach an upstream, walked for a restricted request
 * through the real HTTP endpoints, with an on-prem upstream and an external ("cloud") one that
 * records every body it receives: fallbacks after a failure or a context-window refusal, the
 * cascade's escalation and second sample, {@code n} fan-out, the summary call of context
 * compression, tier pins, the response cache, both APIs streamed and not, count_tokens, and the
 * ways a label arrives. The external upstream must receive nothing; the client gets an on-prem
 * answer or a refusal in its API's format, and the audit log has the label and the refusal.
 * Each path also has a public control that does reach the cloud, so the checks can fail.
 */
class LabelledRequestPathsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SECRET = "Patient 4471-Q, diagnosis code Z99.89";
  private static final String PROMPT = SECRET + ": summarise the case notes in two lines.";

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void noContentInTheLogs() {
    root.detachAppender(logs);
    for (ILoggingEvent event : logs.list) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
          : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(line).doesNotContain(SECRET);
    }
  }

  // ---- fallbacks ---------------------------------------------------------------------------

  @Test
  void onPremFailure_doesNotFallBackToTheCloud_plainOrStreamed() throws Exception {
    try (LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway("""
            providers:
              - {name: down, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1",
                 locality: on-prem, max_retries: 1, connect_timeout_ms: 300}
              - {name: cloud, kind: openai-compatible, base_url: %s, locality: external,
                 max_retries: 0}
            models:
              - {alias: site, provider: down, tier: frontier, fallbacks: [cloud-big]}
              - {alias: cloud-big, provider: cloud, tier: frontier}
            routing: {default_model: site}
            """.formatted(cloud.baseUrl()))) {
      HttpResponse<String> plain = openAi(gateway, "site", false, "restricted");
      HttpResponse<String> streamed = openAi(gateway, "site", true, "restricted");

      for (HttpResponse<String> response : List.of(plain, streamed)) {
        assertThat(response.statusCode()).isBetween(502, 504);
        assertThat(response.body()).contains("\"error\"");
        assertThat(audit(response).path("data_label").asText()).isEqualTo("restricted");
        assertThat(audit(response).path("status").asInt()).isBetween(502, 504);
      }
      assertThat(cloud.received()).isEmpty();

      assertThat(openAi(gateway, "site", false, "public").statusCode())
          .as("control: a public request falls back").isEqualTo(200);
      assertThat(cloud.received()).hasSize(1);
    }
  }

  @Test
  void promptTooLongForTheOnPremModel_isRefused_notSentToTheCloudFallback() throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: site-small, provider: site, tier: small, context_window: 256,
                 fallbacks: [cloud-big]}
              - {alias: cloud-big, provider: cloud, tier: frontier}
            routing: {default_model: site-small}
            """)) {
      HttpResponse<String> response = send(gateway, "/v1/chat/completions",
          "{\"model\":\"site-small\",\"messages\":[{\"role\":\"user\",\"content\":"
              + Json.MAPPER.writeValueAsString(PROMPT.repeat(60)) + "}]}", "restricted");

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("permission_error", "cloud-big (external)");
      assertThat(audit(response).path("status").asInt()).isEqualTo(403);
      assertThat(site.received()).isEmpty();
      assertThat(cloud.received()).isEmpty();
    }
  }

  // ---- the cascade -------------------------------------------------------------------------

  @Test
  void cascade_neverEscalatesARestrictedAnswerToACloudFrontier() throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(cascade(site, cloud, false))) {
      HttpResponse<String> response = openAi(gateway, "auto", false, "restricted");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-model")).contains("site-small");
      assertThat(response.headers().firstValue("x-gearbox-route").orElseThrow())
          .contains("data label restricted excluded escalation to cloud-big (external)");
      assertThat(cloud.received()).isEmpty();

      HttpResponse<String> control = openAi(gateway, "auto", false, "public");
      assertThat(control.headers().firstValue("x-gearbox-model")).contains("cloud-big");
      assertThat(cloud.received()).hasSize(1);
    }
  }

  @Test
  void secondSample_disagreementDoesNotEscalateARestrictedRequestToTheCloud() throws Exception {
    try (LoopbackModel site = LoopbackModel.answeringInTurn("So the total is 72.",
            "So the total is 96.");
        LoopbackModel cloud = LoopbackModel.answering("72 clips.");
        GatewayHarness gateway = gateway(cascade(site, cloud, true))) {
      HttpResponse<String> response = openAi(gateway, "auto", false, "restricted");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-model")).contains("site-small");
      assertThat(cloud.received()).isEmpty();

      openAi(gateway, "auto", false, "public");
      assertThat(cloud.received()).as("control: the disagreement escalates").hasSize(1);
    }
  }

  @Test
  void cloudSmallTier_isSkipped_andAnOnPremFrontierServesTheRestrictedRequest() throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: site-big, provider: site, tier: frontier}
              - {alias: cloud-small, provider: cloud, tier: small}
            routing: {router: %s, cascade_band: [0.0, 1.0]}
            """.formatted(promptOnlyRouter()))) {
      HttpResponse<String> response = openAi(gateway, "auto", false, "restricted");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-model")).contains("site-big");
      assertThat(response.headers().firstValue("x-gearbox-route").orElseThrow())
          .contains("excluded cloud-small (external)");
      assertThat(cloud.received()).isEmpty();
    }
  }

  // ---- n fan-out ---------------------------------------------------------------------------

  @Test
  void fanOut_staysOnPrem() throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: cloud-big, provider: cloud, tier: frontier, fallbacks: [site-small]}
              - {alias: site-small, provider: site, tier: small,
                 capabilities: {multiple_choices: false}}
            routing: {default_model: cloud-big}
            """)) {
      HttpResponse<String> response = send(gateway, "/v1/chat/completions",
          "{\"model\":\"cloud-big\",\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":"
              + Json.MAPPER.writeValueAsString(PROMPT) + "}]}", "restricted");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(response.body()).path("choices")).hasSize(3);
      assertThat(site.received()).hasSize(3);
      assertThat(cloud.received()).isEmpty();
    }
  }

  // ---- context compression's summary call --------------------------------------------------

  @Test
  void summaryByACloudSmallTier_isNotAskedFor_theRequestIsCompressedOnPremInstead()
      throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("a summary");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: site-big, provider: site, tier: frontier}
              - {alias: cloud-small, provider: cloud, tier: small}
            routing: {default_model: site-big}
            compression: {method: summary, min_prompt_tokens: 3000, summary_model: cloud-small}
            """)) {
      ChatRequest call = AgentTraces.bundled().trajectories().get(7).calls().getLast()
          .withModel("site-big");
      HttpResponse<String> response = send(gateway, "/v1/chat/completions",
          OpenAiCodec.encodeRequest(call).toString(), "restricted", "x-gearbox-session", "s1");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-gearbox-compression").orElseThrow())
          .startsWith("method=extractive");
      assertThat(cloud.received()).isEmpty();
      assertThat(site.received()).hasSize(1);
      String requestId = response.headers().firstValue("x-gearbox-request-id").orElseThrow();
      JsonNode summary = auditRecord(requestId + "-summary");
      assertThat(summary.path("status").asInt()).isEqualTo(403);
      assertThat(summary.path("data_label").asText()).isEqualTo("restricted");

      send(gateway, "/v1/chat/completions", OpenAiCodec.encodeRequest(call).toString(),
          "public", "x-gearbox-session", "s2");
      assertThat(cloud.received()).as("control: a public request's summary is asked of it")
          .hasSize(1);
    }
  }

  @Test
  void summaryWrittenForARestrictedCall_isNotReusedForAPublicCallOfTheSameSession()
      throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("a summary");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: site-big, provider: site, tier: frontier}
              - {alias: site-small, provider: site, tier: small}
            routing: {default_model: site-big}
            compression: {method: summary, min_prompt_tokens: 3000, summary_model: site-small}
            """)) {
      String body = OpenAiCodec.encodeRequest(AgentTraces.bundled().trajectories().get(7)
          .calls().getLast().withModel("site-big")).toString();

      send(gateway, "/v1/chat/completions", body, "restricted", "x-gearbox-session", "s1");
      send(gateway, "/v1/chat/completions", body, "restricted", "x-gearbox-session", "s1");
      send(gateway, "/v1/chat/completions", body, "public", "x-gearbox-session", "s1");

      assertThat(site.received())
          .extracting(r -> r.path("model").asText())
          .containsExactly("site-small", "site-big", "site-big", "site-small", "site-big");
    }
  }

  // ---- tier pins and explicit models -------------------------------------------------------

  @Test
  void tierPins_toACloudTier_areRefused() throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: site-big, provider: site, tier: frontier}
              - {alias: cloud-small, provider: cloud, tier: small}
            routing: {default_model: site-big, key_tiers: {batch: small}}
            keys:
              - {id: analyst, key_env: ANALYST_KEY}
              - {id: batch, key_env: BATCH_KEY, data_label: restricted}
            """)) {
      HttpResponse<String> byHeader = send(gateway, "/v1/chat/completions", chat("auto", false),
          "restricted", "authorization", "Bearer gbx-analyst", "x-gearbox-tier", "small");
      HttpResponse<String> byKey = send(gateway, "/v1/chat/completions", chat("auto", false),
          null, "authorization", "Bearer gbx-batch");
      HttpResponse<String> explicit = send(gateway, "/v1/messages", messages("cloud-small", true),
          "restricted", "authorization", "Bearer gbx-analyst");

      for (HttpResponse<String> response : List.of(byHeader, byKey, explicit)) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("cloud-small (external)");
        assertThat(audit(response).path("status").asInt()).isEqualTo(403);
      }
      assertThat(explicit.body()).contains("\"type\":\"error\"", "permission_error");
      assertThat(cloud.received()).isEmpty();
    }
  }

  // ---- the response cache ------------------------------------------------------------------

  @Test
  void cachedAnswers_areKeptApartByLabelAndTenant() throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: cloud-big, provider: cloud, tier: frontier, fallbacks: [site-small]}
              - {alias: site-small, provider: site, tier: small}
            routing: {default_model: cloud-big}
            cache: {enabled: true, semantic: {enabled: true}}
            keys:
              - {id: a, key_env: A_KEY, tenant: one}
              - {id: b, key_env: B_KEY, tenant: two, data_label: restricted}
            """)) {
      HttpResponse<String> restricted = send(gateway, "/v1/chat/completions",
          chat("cloud-big", false), "restricted", "authorization", "Bearer gbx-a");
      HttpResponse<String> again = send(gateway, "/v1/chat/completions",
          chat("cloud-big", false), "restricted", "authorization", "Bearer gbx-a");
      HttpResponse<String> unlabelled = send(gateway, "/v1/chat/completions",
          chat("cloud-big", false), null, "authorization", "Bearer gbx-a");
      HttpResponse<String> otherTenant = send(gateway, "/v1/chat/completions",
          chat("cloud-big", false), null, "authorization", "Bearer gbx-b");

      assertThat(restricted.body()).contains("site answer");
      assertThat(again.headers().firstValue("x-gearbox-cache").orElseThrow()).startsWith("hit");
      assertThat(unlabelled.headers().firstValue("x-gearbox-cache")).contains("miss");
      assertThat(unlabelled.body()).contains("cloud answer");
      assertThat(otherTenant.headers().firstValue("x-gearbox-cache")).contains("miss");
      assertThat(otherTenant.body()).contains("site answer");
      assertThat(cloud.received()).hasSize(1);
    }
  }

  @Test
  void answerCachedWhileTheLabelAllowedTheCloud_isNotServedOnceThePolicyForbidsIt()
      throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer")) {
      String models = twoSites(site, cloud) + """
          models:
            - {alias: cloud-big, provider: cloud, tier: frontier, fallbacks: [site-small]}
            - {alias: site-small, provider: site, tier: small}
          routing: {default_model: cloud-big}
          cache: {enabled: true}
          """;
      try (GatewayHarness lenient = gateway(models + """
          data_labels:
            order: [public, restricted]
            allow: {public: [on-prem, external], restricted: [on-prem, external]}
          """)) {
        assertThat(openAi(lenient, "cloud-big", false, "restricted").body())
            .contains("cloud answer");
        assertThat(openAi(lenient, "cloud-big", false, "restricted").headers()
            .firstValue("x-gearbox-cache").orElseThrow()).startsWith("hit");
      }
      try (GatewayHarness strict = gateway(models + """
          data_labels:
            order: [public, restricted]
            allow: {public: [on-prem, external], restricted: [on-prem]}
          """)) {
        HttpResponse<String> response = openAi(strict, "cloud-big", false, "restricted");

        assertThat(response.headers().firstValue("x-gearbox-cache")).contains("miss");
        assertThat(response.body()).contains("site answer");
        HttpResponse<String> publicCall = openAi(strict, "cloud-big", false, "public");
        assertThat(publicCall.body()).contains("cloud answer");
      }
      assertThat(cloud.received()).hasSize(2);
    }
  }

  // ---- both APIs, streamed, and count_tokens -----------------------------------------------

  @Test
  void bothApis_plainAndStreamed_refuseACloudOnlyModel_inTheirOwnFormat() throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: cloud-big, provider: cloud, tier: frontier}
              - {alias: site-small, provider: site, tier: small}
            routing: {default_model: cloud-big}
            """)) {
      for (boolean stream : List.of(false, true)) {
        HttpResponse<String> openAi = openAi(gateway, "cloud-big", stream, "restricted");
        HttpResponse<String> anthropic = send(gateway, "/v1/messages",
            messages("cloud-big", stream), "restricted");
        assertThat(openAi.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(openAi.body()).at("/error/type").asText())
            .isEqualTo("permission_error");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(anthropic.body()).at("/error/type").asText())
            .isEqualTo("permission_error");
        assertThat(openAi.body() + anthropic.body()).doesNotContain(SECRET);
      }
      HttpResponse<String> counted = send(gateway, "/v1/messages/count_tokens",
          "{\"model\":\"cloud-big\",\"messages\":[{\"role\":\"user\",\"content\":"
              + Json.MAPPER.writeValueAsString(PROMPT) + "}]}", "restricted");
      assertThat(counted.statusCode()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(counted.body()).path("input_tokens").asInt()).isPositive();
      assertThat(cloud.received()).isEmpty();
      assertThat(site.received()).isEmpty();
    }
  }

  // ---- how the label arrives ---------------------------------------------------------------

  @Test
  void label_caseAndWhitespace_keyDefaults_andRepeatedHeaders_allEndRestricted() throws Exception {
    try (LoopbackModel site = LoopbackModel.answering("site answer");
        LoopbackModel cloud = LoopbackModel.answering("cloud answer");
        GatewayHarness gateway = gateway(twoSites(site, cloud) + """
            models:
              - {alias: cloud-big, provider: cloud, tier: frontier, fallbacks: [site-small]}
              - {alias: site-small, provider: site, tier: small}
            routing: {default_model: cloud-big}
            keys:
              - {id: analyst, key_env: A_KEY}
              - {id: vault, key_env: V_KEY, data_label: restricted}
            """)) {
      List<HttpResponse<String>> responses = List.of(
          send(gateway, "/v1/chat/completions", chat("cloud-big", false), " ReStRiCtEd\t",
              "authorization", "Bearer gbx-a"),
          send(gateway, "/v1/chat/completions", chat("cloud-big", false), "PUBLIC",
              "authorization", "Bearer gbx-v"),
          send(gateway, "/v1/chat/completions", chat("cloud-big", false), null,
              "authorization", "Bearer gbx-v"),
          send(gateway, "/v1/chat/completions", chat("cloud-big", false), "public",
              "authorization", "Bearer gbx-a", "x-gearbox-data-label", "restricted"),
          send(gateway, "/v1/chat/completions", chat("cloud-big", false), "public, restricted",
              "authorization", "Bearer gbx-a"));
      for (int i = 0; i < responses.size(); i++) {
        HttpResponse<String> response = responses.get(i);
        assertThat(response.statusCode()).as(i + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-gearbox-data-label")).as("case " + i)
            .contains("restricted");
        assertThat(response.headers().firstValue("x-gearbox-model")).contains("site-small");
      }
      assertThat(cloud.received()).isEmpty();

      HttpResponse<String> unknown = send(gateway, "/v1/chat/completions",
          chat("cloud-big", false), "restricted", "authorization", "Bearer gbx-a",
          "x-gearbox-data-label", "secret");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(cloud.received()).isEmpty();
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** A gateway on {@code yaml}, each model priced alike. */
  private GatewayHarness gateway(String yaml) {
    StringBuilder prices = new StringBuilder("prices:\n");
    java.util.regex.Matcher alias =
        java.util.regex.Pattern.compile("alias: ([\\w-]+)").matcher(yaml);
    while (alias.find()) {
      prices.append("  ").append(alias.group(1))
          .append(": {input_per_million: \"1\", output_per_million: \"2\"}\n");
    }
    return GatewayHarness.fromYaml(yaml + prices, dir.resolve("data"),
        Map.of("ANALYST_KEY", "gbx-analyst", "BATCH_KEY", "gbx-batch", "A_KEY", "gbx-a",
            "B_KEY", "gbx-b", "V_KEY", "gbx-v"));
  }

  private static String twoSites(LoopbackModel site, LoopbackModel cloud) {
    return """
        providers:
          - {name: site, kind: openai-compatible, base_url: %s, locality: on-prem, max_retries: 0}
          - {name: cloud, kind: openai-compatible, base_url: %s, locality: external,
             max_retries: 0}
        """.formatted(site.baseUrl(), cloud.baseUrl());
  }

  /** Every auto request in the cascade band: the small (on-prem) tier first, then judged. */
  private String cascade(LoopbackModel site, LoopbackModel cloud, boolean secondSample) {
    return twoSites(site, cloud) + """
        models:
          - {alias: cloud-big, provider: cloud, tier: frontier}
          - {alias: site-small, provider: site, tier: small}
        routing: {router: %s, cascade_band: [0.0, 1.0], second_sample: %s}
        """.formatted(promptOnlyRouter(), secondSample);
  }

  /** The bundled router without its answer scorer: only the validator and samples decide. */
  private Path promptOnlyRouter() {
    RouterModel bundled = RouterFile.bundled();
    Path router = dir.resolve("prompt-only.json");
    RouterFile.write(new RouterModel(bundled.embeddingModel(), bundled.features(),
        bundled.trainedOn(), bundled.promptModel(), bundled.calibration(), Optional.empty(),
        Optional.empty()), router);
    return router;
  }

  private static String chat(String model, boolean stream) throws Exception {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":"
        + "\"user\",\"content\":" + Json.MAPPER.writeValueAsString(PROMPT) + "}]}";
  }

  private static String messages(String model, boolean stream) throws Exception {
    return "{\"model\":\"" + model + "\",\"max_tokens\":100,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":"
        + Json.MAPPER.writeValueAsString(PROMPT) + "}]}";
  }

  private static HttpResponse<String> openAi(GatewayHarness gateway, String model,
      boolean stream, String label) throws Exception {
    return send(gateway, "/v1/chat/completions", chat(model, stream), label);
  }

  /** Posts {@code body} with the label header (when not null) and further header pairs. */
  private static HttpResponse<String> send(GatewayHarness gateway, String path, String body,
      String label, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (label != null) {
      request.header("x-gearbox-data-label", label);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode audit(HttpResponse<String> response) {
    return auditRecord(response.headers().firstValue("x-gearbox-request-id").orElseThrow());
  }

  private JsonNode auditRecord(String requestId) {
    return AuditReader.direct(new DatabaseConfig.Sqlite(dir.resolve("data")))
        .byRequestId(requestId).getFirst().parsed().orElseThrow();
  }
}
