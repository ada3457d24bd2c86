package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers shaped the way particular upstream servers shape them, which users of other LLM
 * gateways reported as broken once translated, each checked over real HTTP with the upstream
 * sending exactly those bytes.
 */
class UpstreamDialectsTest {
  @TempDir static Path dataDir;

  private static final String PRICE = "{input_per_million: \"1\", output_per_million: \"1\"}";

  private static ScriptedUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = new ScriptedUpstream();
    gateway = GatewayHarness.fromYaml(GatewayHarness.bothKinds(upstream.baseUrl(),
        PRICE, PRICE, ""), dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return gateway.post(path, body);
  }

  private static HttpResponse<String> anthropicCall(String model, boolean stream, String prompt)
      throws Exception {
    return post("/v1/messages", """
        {"model":"%s","max_tokens":64,"stream":%s,
         "tools":[{"name":"weather","input_schema":{"type":"object",
           "properties":{"city":{"type":"string"}}}}],
         "messages":[{"role":"user","content":"%s"}]}""".formatted(model, stream, prompt));
  }

  private static HttpResponse<String> openAiCall(String model, boolean stream, String prompt)
      throws Exception {
    return post("/v1/chat/completions", """
        {"model":"%s","stream":%s,
         "tools":[{"type":"function","function":{"name":"weather",
           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
         "messages":[{"role":"user","content":"%s"}]}""".formatted(model, stream, prompt));
  }

  private static JsonNode json(String body) throws Exception {
    return Json.MAPPER.readTree(body);
  }

  /** The JSON data of each event of an SSE body, [DONE] left out. */
  private static List<JsonNode> events(String sse) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
        events.add(json(line.substring("data: ".length())));
      }
    }
    return events;
  }

  private static String chunk(String choice) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"m\",\"choices\":[" + choice + "]}\n\n";
  }

  private static final String CALL_FINISHED_AS_STOP = """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
       "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":null,
         "tool_calls":[{"id":"call_a","type":"function",
           "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]}}],
       "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""";

  private static final String STREAMED_CALL_FINISHED_AS_STOP =
      chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
          + "\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
          + "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},\"finish_reason\":null}")
      + chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}")
      + "data: [DONE]\n\n";

  // ---- a tool call the server finished as "stop" (vLLM, Ollama, Gemini's endpoint) --------

  @Test
  void toolCallFinishedAsStop_reachesClientsAsAToolCallTurn_inBothApis() throws Exception {
    upstream.next(CALL_FINISHED_AS_STOP);
    JsonNode anthropic = json(anthropicCall("compat", false, "Weather in Oslo?").body());
    upstream.next(CALL_FINISHED_AS_STOP);
    JsonNode openAi = json(openAiCall("compat", false, "Weather in Oslo, please?").body());

    assertThat(anthropic.path("stop_reason").asText()).isEqualTo("tool_use");
    assertThat(anthropic.path("content").get(0).path("type").asText()).isEqualTo("tool_use");
    assertThat(openAi.path("choices").get(0).path("finish_reason").asText())
        .isEqualTo("tool_calls");
  }

  @Test
  void streamedToolCallFinishedAsStop_reachesClientsAsAToolCallTurn_inBothApis()
      throws Exception {
    upstream.next(STREAMED_CALL_FINISHED_AS_STOP);
    List<JsonNode> anthropic = events(anthropicCall("compat", true, "Oslo weather?").body());
    upstream.next(STREAMED_CALL_FINISHED_AS_STOP);
    List<JsonNode> openAi = events(openAiCall("compat", true, "Oslo weather now?").body());

    JsonNode delta = anthropic.stream()
        .filter(e -> e.path("type").asText().equals("message_delta")).findFirst().orElseThrow();
    assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
    List<String> reasons = openAi.stream()
        .flatMap(c -> c.path("choices").valueStream())
        .map(c -> c.path("finish_reason"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText)
        .toList();
    assertThat(reasons).containsExactly("tool_calls");
  }

  // ---- a tool without parameters, called in an Anthropic stream ----------------------------

  private static String anthropicEvent(String type, String data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  /** As the Messages API streams a call of a tool without parameters: no argument bytes. */
  private static final String STREAMED_CALL_WITHOUT_ARGUMENTS =
      anthropicEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
          + "\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
          + "\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":9,"
          + "\"output_tokens\":1}}}")
      + anthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":"
          + "\"clock\",\"input\":{}}}")
      + anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}")
      + anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
      + anthropicEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{"
          + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{"
          + "\"output_tokens\":5}}")
      + anthropicEvent("message_stop", "{\"type\":\"message_stop\"}");

  @Test
  void toolWithoutParameters_calledInAStream_reachesOpenAiClientsWithArgumentsThatParse()
      throws Exception {
    upstream.next(STREAMED_CALL_WITHOUT_ARGUMENTS);
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"messages","stream":true,
         "tools":[{"type":"function","function":{"name":"clock"}}],
         "messages":[{"role":"user","content":"What time is it?"}]}""");

    StringBuilder arguments = new StringBuilder();
    for (JsonNode chunk : events(response.body())) {
      for (JsonNode choice : chunk.path("choices")) {
        for (JsonNode call : choice.path("delta").path("tool_calls")) {
          arguments.append(call.path("function").path("arguments").asText(""));
        }
      }
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(arguments.toString()).isObject()).isTrue();
    assertThat(arguments.toString()).isEqualTo("{}");
  }

  // ---- tool calls without ids (llama.cpp, Gemini's and other OpenAI endpoints) ----------

  private static final String CALLS_WITHOUT_IDS = """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
       "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
         "tool_calls":[
           {"id":"","type":"function","function":{"name":"weather","arguments":"{}"}},
           {"type":"function","function":{"name":"weather","arguments":"{}"}},
           {"id":null,"type":"function","function":{"name":"weather","arguments":"{}"}}]}}]}""";

  private static final String STREAMED_CALLS_WITHOUT_IDS =
      chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
          + "\"id\":\"\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
          + "\"arguments\":\"{}\"}}]},\"finish_reason\":null}")
      + chunk("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"type\":\"function\","
          + "\"function\":{\"name\":\"weather\",\"arguments\":\"{}\"}}]},"
          + "\"finish_reason\":\"tool_calls\"}")
      + "data: [DONE]\n\n";

  @Test
  void toolCallsWithoutIds_reachClientsWithIdsThatAreSetAndUnique() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      upstream.next(CALLS_WITHOUT_IDS);
      JsonNode answer = json(anthropicCall("compat", false, "Three cities " + round).body());
      answer.path("content").forEach(b -> ids.add(b.path("id").asText()));
      upstream.next(STREAMED_CALLS_WITHOUT_IDS);
      for (JsonNode event : events(anthropicCall("compat", true, "Two " + round).body())) {
        if (event.path("content_block").path("type").asText().equals("tool_use")) {
          ids.add(event.path("content_block").path("id").asText());
        }
      }
      upstream.next(CALLS_WITHOUT_IDS);
      JsonNode openAi = json(openAiCall("compat", false, "Cities " + round).body());
      openAi.path("choices").get(0).path("message").path("tool_calls")
          .forEach(c -> ids.add(c.path("id").asText()));
    }

    assertThat(ids).hasSize(16).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[a-zA-Z0-9_-]+"));
  }

  // ---- a stream that ends after its finish reason, without [DONE] ----------------------

  @Test
  void streamThatEndsAfterItsFinishReasonWithoutDone_isACompleteAnswer() throws Exception {
    upstream.next(chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":"
        + "\"Hello there\"},\"finish_reason\":null}")
        + chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}"));
    HttpResponse<String> openAi = post("/v1/chat/completions", """
        {"model":"compat","stream":true,"messages":[{"role":"user","content":"Greet me."}]}""");
    upstream.next(chunk("{\"index\":0,\"delta\":{\"content\":\"Cut\"},"
        + "\"finish_reason\":null}"));
    HttpResponse<String> cut = post("/v1/chat/completions", """
        {"model":"compat","stream":true,"messages":[{"role":"user","content":"Greet us."}]}""");

    assertThat(openAi.body()).contains("Hello there").contains("\"finish_reason\":\"stop\"")
        .endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
    assertThat(cut.body()).contains("\"error\"").doesNotContain("data: [DONE]");
  }

  // ---- Azure OpenAI: a first chunk of content-filter results, without choices ----------

  @Test
  void contentFilterChunkBeforeTheAnswer_leavesTheAnswersIdAndModelAsTheAnswerGivesThem()
      throws Exception {
    upstream.next("data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\","
        + "\"object\":\"\",\"prompt_filter_results\":[{\"prompt_index\":0,"
        + "\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}]}"
        + "\n\n"
        + "data: {\"id\":\"chatcmpl-azure\",\"object\":\"chat.completion.chunk\","
        + "\"created\":5,\"model\":\"gpt-4o-2024-11-20\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"chatcmpl-azure\",\"object\":\"chat.completion.chunk\","
        + "\"created\":5,\"model\":\"gpt-4o-2024-11-20\",\"choices\":[{\"index\":0,"
        + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
    List<JsonNode> chunks = events(post("/v1/chat/completions", """
        {"model":"compat","stream":true,"messages":[{"role":"user","content":"Hi!"}]}""")
        .body());

    assertThat(chunks).isNotEmpty().allSatisfy(c -> {
      assertThat(c.path("model").asText()).isEqualTo("gpt-4o-2024-11-20");
      assertThat(c.path("id").asText()).isEqualTo("chatcmpl-azure");
    });
  }

  // ---- more stop sequences than OpenAI takes (4), as Anthropic clients may send ------------

  private static final String FIVE_STOPS = "[\"A1\",\"B2\",\"C3\",\"D4\",\"END\"]";

  private static String textChunk(String text) {
    return chunk("{\"index\":0,\"delta\":{\"content\":" + Json.MAPPER.getNodeFactory().textNode(text)
        + "},\"finish_reason\":null}");
  }

  private static final String ANSWER_PAST_THE_FIFTH_STOP = """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
       "choices":[{"index":0,"finish_reason":"stop",
         "message":{"role":"assistant","content":"Hello END world"}}],
       "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""";

  private static final String STREAM_PAST_THE_FIFTH_STOP =
      textChunk("Hel") + textChunk("lo E") + textChunk("N") + textChunk("D wor") + textChunk("ld")
      + chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}") + "data: [DONE]\n\n";

  @Test
  void fiveStopSequences_reachAnOpenAiUpstreamAsFour_andTheFifthEndsTheAnswerInTheGateway()
      throws Exception {
    upstream.next(ANSWER_PAST_THE_FIFTH_STOP);
    JsonNode plain = json(post("/v1/messages", """
        {"model":"compat","max_tokens":64,"stop_sequences":%s,
         "messages":[{"role":"user","content":"Greet."}]}""".formatted(FIVE_STOPS)).body());
    JsonNode sentStops = upstream.lastRequest().path("stop");
    upstream.next(STREAM_PAST_THE_FIFTH_STOP);
    List<JsonNode> streamed = events(post("/v1/messages", """
        {"model":"compat","max_tokens":64,"stream":true,"stop_sequences":%s,
         "messages":[{"role":"user","content":"Greet."}]}""".formatted(FIVE_STOPS)).body());
    upstream.next(STREAM_PAST_THE_FIFTH_STOP);
    List<JsonNode> openAi = events(post("/v1/chat/completions", """
        {"model":"compat","stream":true,"stop":%s,
         "messages":[{"role":"user","content":"Greet."}]}""".formatted(FIVE_STOPS)).body());

    assertThat(sentStops).hasSize(4);
    assertThat(sentStops.toString()).isEqualTo("[\"A1\",\"B2\",\"C3\",\"D4\"]");
    assertThat(plain.path("content").get(0).path("text").asText()).isEqualTo("Hello ");
    assertThat(plain.path("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(plain.path("stop_sequence").asText()).isEqualTo("END");
    StringBuilder text = new StringBuilder();
    streamed.forEach(e -> text.append(e.path("delta").path("text").asText("")));
    assertThat(text.toString()).isEqualTo("Hello ");
    JsonNode delta = streamed.stream().filter(e -> e.path("type").asText().equals("message_delta"))
        .findFirst().orElseThrow().path("delta");
    assertThat(delta.path("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(delta.path("stop_sequence").asText()).isEqualTo("END");
    StringBuilder openAiText = new StringBuilder();
    openAi.forEach(e -> e.path("choices").forEach(c ->
        openAiText.append(c.path("delta").path("content").asText(""))));
    assertThat(openAiText.toString()).isEqualTo("Hello ");
    assertThat(openAi).anySatisfy(e -> assertThat(
        e.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop"));
  }

  @Test
  void aStopSequenceThatNeverCompletes_holdsNoTextBack() throws Exception {
    upstream.next(textChunk("Hello E") + textChunk("N") + textChunk("Dless")
        + chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}")
        + "data: [DONE]\n\n");
    List<JsonNode> streamed = events(post("/v1/messages", """
        {"model":"compat","max_tokens":64,"stream":true,"stop_sequences":%s,
         "messages":[{"role":"user","content":"Greet."}]}"""
        .formatted(FIVE_STOPS.replace("END", "ENDING"))).body());

    StringBuilder text = new StringBuilder();
    streamed.forEach(e -> text.append(e.path("delta").path("text").asText("")));
    assertThat(text.toString()).isEqualTo("Hello ENDless");
    JsonNode delta = streamed.stream().filter(e -> e.path("type").asText().equals("message_delta"))
        .findFirst().orElseThrow().path("delta");
    assertThat(delta.path("stop_reason").asText()).isEqualTo("end_turn");
  }
}
