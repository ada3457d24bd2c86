package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests as clients write them that an upstream refuses when passed on as they are, which
 * users of other LLM gateways reported, each checked over real HTTP for what reaches the
 * upstream.
 */
class RequestDialectsTest {
  @TempDir static Path dataDir;

  private static final String PRICE = "{input_per_million: \"1\", output_per_million: \"1\"}";

  private static LoopbackModel capture;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    capture = LoopbackModel.answering("Done.");
    gateway = GatewayHarness.fromYaml(GatewayHarness.bothKinds(capture.baseUrl(),
        PRICE, PRICE, ""), dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    capture.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return gateway.post(path, body);
  }

  // ---- tool schemas without "type" or "properties" (tools without parameters, MCP) ------

  @Test
  void toolSchemasWithoutTypeOrProperties_reachEitherUpstreamAsObjectSchemas() throws Exception {
    for (String model : List.of("compat", "messages")) {
      HttpResponse<String> openAi = post("/v1/chat/completions", """
          {"model":"%s","messages":[{"role":"user","content":"What time is it?"}],
           "tools":[{"type":"function","function":{"name":"clock","parameters":{}}},
                    {"type":"function","function":{"name":"user","parameters":{"type":"object"}}},
                    {"type":"function","function":{"name":"weather",
                      "parameters":{"properties":{"city":{"type":"string"}}}}}]}"""
          .formatted(model));
      assertThat(openAi.statusCode()).as(model).isEqualTo(200);
      assertObjectSchemas(capture.lastRequest(), model);
      HttpResponse<String> anthropic = post("/v1/messages", """
          {"model":"%s","max_tokens":32,"messages":[{"role":"user","content":"Time?"}],
           "tools":[{"name":"clock","input_schema":{}},
                    {"name":"user","input_schema":{"type":"object"}},
                    {"name":"weather","input_schema":{"properties":{"city":{"type":"string"}}}}]}"""
          .formatted(model));
      assertThat(anthropic.statusCode()).as(model).isEqualTo(200);
      assertObjectSchemas(capture.lastRequest(), model);
    }
  }

  private static void assertObjectSchemas(JsonNode sent, String model) {
    List<JsonNode> schemas = sent.path("tools").valueStream()
        .map(t -> model.equals("compat") ? t.path("function").path("parameters")
            : t.path("input_schema"))
        .toList();
    assertThat(schemas).as(model).hasSize(3).allSatisfy(schema -> {
      assertThat(schema.path("type").asText()).isEqualTo("object");
      assertThat(schema.path("properties").isObject()).isTrue();
    });
    assertThat(schemas.get(2).path("properties").path("city").path("type").asText())
        .isEqualTo("string");
  }

  @Test
  void toolSchemaOfAnotherTypeThanObject_isRefusedNamingIt_inBothApis() throws Exception {
    HttpResponse<String> openAi = post("/v1/chat/completions", """
        {"model":"compat","messages":[{"role":"user","content":"Hi"}],
         "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"string"}}}]}""");
    HttpResponse<String> anthropic = post("/v1/messages", """
        {"model":"compat","max_tokens":32,"messages":[{"role":"user","content":"Hi"}],
         "tools":[{"name":"f","input_schema":{"type":"array"}}]}""");

    assertThat(openAi.statusCode()).isEqualTo(400);
    assertThat(openAi.body()).contains("\"param\":\"tools[0].function.parameters.type\"")
        .contains("must be 'object'");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(anthropic.body()).startsWith("{\"type\":\"error\"")
        .contains("tools[0].input_schema.type");
  }

  // ---- images labelled image/jpg, which browsers and tools write -----------------------

  private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
      + "2mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  @Test
  void imagesLabelledJpg_reachAnAnthropicUpstreamAsImageJpeg() throws Exception {
    HttpResponse<String> openAi = post("/v1/chat/completions", """
        {"model":"messages","messages":[{"role":"user","content":[
          {"type":"text","text":"What is this?"},
          {"type":"image_url","image_url":{"url":"data:image/jpg;base64,%s"}}]}]}"""
        .formatted(PIXEL));
    JsonNode fromOpenAi = capture.lastRequest();
    HttpResponse<String> anthropic = post("/v1/messages", """
        {"model":"messages","max_tokens":32,"messages":[{"role":"user","content":[
          {"type":"image","source":{"type":"base64","media_type":"Image/JPG","data":"%s"}},
          {"type":"text","text":"And this?"}]}]}""".formatted(PIXEL));
    JsonNode fromAnthropic = capture.lastRequest();

    assertThat(openAi.statusCode()).isEqualTo(200);
    assertThat(anthropic.statusCode()).isEqualTo(200);
    assertThat(fromOpenAi.path("messages").get(0).path("content").get(1).path("source")
        .path("media_type").asText()).isEqualTo("image/jpeg");
    assertThat(fromAnthropic.path("messages").get(0).path("content").get(0).path("source")
        .path("media_type").asText()).isEqualTo("image/jpeg");
  }

  // ---- top_p: 1 beside temperature, which newer Claude models refuse -------------------

  @Test
  void topPOfOne_besideTemperature_isNotSentToAnAnthropicUpstream_asItChangesNothing()
      throws Exception {
    post("/v1/chat/completions", """
        {"model":"messages","temperature":0.7,"top_p":1,
         "messages":[{"role":"user","content":"Write a haiku."}]}""");
    JsonNode defaultTopP = capture.lastRequest();
    post("/v1/chat/completions", """
        {"model":"messages","temperature":0.7,"top_p":0.9,
         "messages":[{"role":"user","content":"Write a limerick."}]}""");
    JsonNode chosenTopP = capture.lastRequest();
    post("/v1/chat/completions", """
        {"model":"compat","temperature":0.7,"top_p":1,
         "messages":[{"role":"user","content":"Write a sonnet."}]}""");
    JsonNode toOpenAi = capture.lastRequest();

    assertThat(defaultTopP.path("temperature").asDouble()).isEqualTo(0.7);
    assertThat(defaultTopP.has("top_p")).isFalse();
    assertThat(chosenTopP.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(toOpenAi.path("top_p").asDouble()).isEqualTo(1.0);
  }

  // ---- whitespace-only stop sequences, which the Messages API refuses ------------------

  @Test
  void whitespaceOnlyStopSequence_onAnAnthropicUpstream_isRefusedNamingTheClientsField_beforeAnyCall()
      throws Exception {
    int before = capture.received().size();
    HttpResponse<String> openAi = post("/v1/chat/completions", """
        {"model":"messages","stop":["\\n","END"],
         "messages":[{"role":"user","content":"Complete the line."}]}""");
    HttpResponse<String> anthropic = post("/v1/messages", """
        {"model":"messages","max_tokens":16,"stop_sequences":[" "],
         "messages":[{"role":"user","content":"Complete the line."}]}""");
    int afterRefusals = capture.received().size();
    HttpResponse<String> onOpenAi = post("/v1/chat/completions", """
        {"model":"compat","stop":"\\n","messages":[{"role":"user","content":"Complete it."}]}""");

    assertThat(openAi.statusCode()).isEqualTo(400);
    assertThat(openAi.body()).contains("\"param\":\"stop\"").contains("whitespace");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(anthropic.body()).startsWith("{\"type\":\"error\"").contains("whitespace")
        .contains("'stop_sequences'").doesNotContain("'stop'");
    assertThat(afterRefusals).isEqualTo(before);
    assertThat(onOpenAi.statusCode()).isEqualTo(200);
    assertThat(capture.lastRequest().path("stop").get(0).asText()).isEqualTo("\n");
  }
}
