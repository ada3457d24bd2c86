package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.ThinkingBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.math.BigDecimal;
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
 * Reasoning through the gateway over real HTTP: OpenAI's {@code reasoning_effort} and
 * Anthropic's {@code thinking} reach either upstream in its own terms, refusals name the
 * client's field, and the reasoning an upstream sends back neither breaks an answer nor leaks
 * into its text, while Anthropic clients get their thinking blocks to replay.
 */
class ReasoningThroughGatewayTest {
  @TempDir static Path dataDir;

  private static final String PRICE = "{input_per_million: \"1\", output_per_million: \"2\"}";

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

  private static JsonNode json(String body) throws Exception {
    return Json.MAPPER.readTree(body);
  }

  private static List<JsonNode> events(String sse) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
        events.add(json(line.substring("data: ".length())));
      }
    }
    return events;
  }

  private static final String OPENAI_ANSWER = """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
       "choices":[{"index":0,"finish_reason":"stop",
         "message":{"role":"assistant","content":"42"}}],
       "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""";

  private static final String MESSAGES_ANSWER = """
      {"id":"msg_1","type":"message","role":"assistant","model":"m",
       "content":[{"type":"text","text":"42"}],"stop_reason":"end_turn","stop_sequence":null,
       "usage":{"input_tokens":10,"output_tokens":5}}""";

  // ---- reasoning_effort from OpenAI clients ------------------------------------------------

  @Test
  void reasoningEffort_passesToAnOpenAiCompatibleUpstreamAsItIs() throws Exception {
    upstream.next(OPENAI_ANSWER);
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"compat","reasoning_effort":"high",
         "messages":[{"role":"user","content":"Think hard."}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(upstream.lastRequest().path("reasoning_effort").asText()).isEqualTo("high");
  }

  @Test
  void reasoningEffortOfAnUnknownLevel_isRefusedNamingIt_beforeAnyCall() throws Exception {
    int before = upstream.received();
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"compat","reasoning_effort":"maximum",
         "messages":[{"role":"user","content":"Think hard."}]}""");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).path("error").path("param").asText())
        .isEqualTo("reasoning_effort");
    assertThat(response.body()).contains("minimal, low, medium, high");
    assertThat(upstream.received()).isEqualTo(before);
  }

  @Test
  void reasoningEffort_reachesAnAnthropicUpstreamAsAThinkingBudget_withRoomForTheAnswer()
      throws Exception {
    upstream.next(MESSAGES_ANSWER);
    post("/v1/chat/completions", """
        {"model":"messages","reasoning_effort":"medium",
         "messages":[{"role":"user","content":"Think."}]}""");
    JsonNode unlimited = upstream.lastRequest();
    upstream.next(MESSAGES_ANSWER);
    post("/v1/chat/completions", """
        {"model":"messages","reasoning_effort":"high","max_completion_tokens":5000,
         "messages":[{"role":"user","content":"Think."}]}""");
    JsonNode limited = upstream.lastRequest();
    upstream.next(MESSAGES_ANSWER);
    post("/v1/chat/completions", """
        {"model":"messages","reasoning_effort":"none","temperature":0.2,
         "messages":[{"role":"user","content":"Do not think."}]}""");
    JsonNode none = upstream.lastRequest();

    assertThat(unlimited.path("thinking").path("type").asText()).isEqualTo("enabled");
    assertThat(unlimited.path("thinking").path("budget_tokens").asInt()).isEqualTo(8192);
    assertThat(unlimited.path("max_tokens").asInt()).isEqualTo(8192 + 4096);
    assertThat(unlimited.has("reasoning_effort")).isFalse();
    assertThat(limited.path("thinking").path("budget_tokens").asInt()).isEqualTo(4999);
    assertThat(limited.path("max_tokens").asInt()).isEqualTo(5000);
    assertThat(none.has("thinking")).isFalse();
    assertThat(none.path("temperature").asDouble()).isEqualTo(0.2);
  }

  @Test
  void reasoningOnAnAnthropicUpstream_besideWhatThinkingForbids_isRefusedNamingTheField()
      throws Exception {
    int before = upstream.received();
    HttpResponse<String> temperature = post("/v1/chat/completions", """
        {"model":"messages","reasoning_effort":"low","temperature":0.2,
         "messages":[{"role":"user","content":"Think."}]}""");
    HttpResponse<String> tooShort = post("/v1/chat/completions", """
        {"model":"messages","reasoning_effort":"low","max_completion_tokens":800,
         "messages":[{"role":"user","content":"Think."}]}""");
    HttpResponse<String> forcedTool = post("/v1/messages", """
        {"model":"messages","max_tokens":4000,"thinking":{"type":"enabled","budget_tokens":2000},
         "tools":[{"name":"clock","input_schema":{"type":"object"}}],
         "tool_choice":{"type":"any"},
         "messages":[{"role":"user","content":"Time?"}]}""");
    HttpResponse<String> anthropicTemperature = post("/v1/messages", """
        {"model":"messages","max_tokens":4000,"temperature":0.5,
         "thinking":{"type":"enabled","budget_tokens":2000},
         "messages":[{"role":"user","content":"Think."}]}""");

    assertThat(temperature.statusCode()).isEqualTo(400);
    assertThat(json(temperature.body()).path("error").path("param").asText())
        .isEqualTo("temperature");
    assertThat(temperature.body()).contains("'reasoning_effort'");
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(json(tooShort.body()).path("error").path("param").asText())
        .isEqualTo("max_completion_tokens");
    assertThat(forcedTool.statusCode()).isEqualTo(400);
    assertThat(forcedTool.body()).startsWith("{\"type\":\"error\"").contains("'tool_choice'")
        .contains("'thinking'");
    assertThat(anthropicTemperature.statusCode()).isEqualTo(400);
    assertThat(anthropicTemperature.body()).contains("'temperature'").contains("'thinking'")
        .doesNotContain("reasoning_effort");
    assertThat(upstream.received()).isEqualTo(before);
  }

  // ---- thinking from Anthropic clients -----------------------------------------------------

  @Test
  void thinking_passesToAnAnthropicUpstream_andReachesAnOpenAiUpstreamAsAnEffortLevel()
      throws Exception {
    upstream.next(MESSAGES_ANSWER);
    post("/v1/messages", """
        {"model":"messages","max_tokens":12000,
         "thinking":{"type":"enabled","budget_tokens":10000},
         "messages":[{"role":"user","content":"Think."}]}""");
    JsonNode toAnthropic = upstream.lastRequest();
    upstream.next(OPENAI_ANSWER);
    post("/v1/messages", """
        {"model":"compat","max_tokens":12000,
         "thinking":{"type":"enabled","budget_tokens":10000},
         "messages":[{"role":"user","content":"Think."}]}""");
    JsonNode toOpenAi = upstream.lastRequest();
    upstream.next(OPENAI_ANSWER);
    post("/v1/messages", """
        {"model":"compat","max_tokens":12000,"thinking":{"type":"disabled"},
         "messages":[{"role":"user","content":"Do not think."}]}""");
    JsonNode disabled = upstream.lastRequest();

    assertThat(toAnthropic.path("thinking").path("budget_tokens").asInt()).isEqualTo(10000);
    assertThat(toAnthropic.path("max_tokens").asInt()).isEqualTo(12000);
    assertThat(toOpenAi.path("reasoning_effort").asText()).isEqualTo("medium");
    assertThat(toOpenAi.has("thinking")).isFalse();
    assertThat(disabled.has("reasoning_effort")).isFalse();
  }

  @Test
  void thinkingBudgetsTheMessagesApiRefuses_areRefusedNamingTheField() throws Exception {
    HttpResponse<String> small = post("/v1/messages", """
        {"model":"compat","max_tokens":4000,"thinking":{"type":"enabled","budget_tokens":500},
         "messages":[{"role":"user","content":"Think."}]}""");
    HttpResponse<String> aboveLimit = post("/v1/messages", """
        {"model":"compat","max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":2000},
         "messages":[{"role":"user","content":"Think."}]}""");
    HttpResponse<String> unknown = post("/v1/messages", """
        {"model":"compat","max_tokens":2000,"thinking":{"type":"deep"},
         "messages":[{"role":"user","content":"Think."}]}""");

    assertThat(small.statusCode()).isEqualTo(400);
    assertThat(small.body()).contains("thinking.budget_tokens").contains("1024");
    assertThat(aboveLimit.statusCode()).isEqualTo(400);
    assertThat(aboveLimit.body()).contains("thinking.budget_tokens").contains("max_tokens");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("thinking.type");
  }

  // ---- reasoning in answers ----------------------------------------------------------------

  private static final String THINKING_ANSWER = """
      {"id":"msg_2","type":"message","role":"assistant","model":"m",
       "content":[{"type":"thinking","thinking":"6 times 7.","signature":"sig-abc"},
                  {"type":"redacted_thinking","data":"enc-xyz"},
                  {"type":"text","text":"42"}],
       "stop_reason":"end_turn","stop_sequence":null,
       "usage":{"input_tokens":10,"output_tokens":50}}""";

  @Test
  void thinkingBlocksFromAnAnthropicUpstream_reachAnthropicClientsSigned_andNotOpenAiText()
      throws Exception {
    upstream.next(THINKING_ANSWER);
    JsonNode anthropic = json(post("/v1/messages", """
        {"model":"messages","max_tokens":4000,
         "thinking":{"type":"enabled","budget_tokens":2000},
         "messages":[{"role":"user","content":"6*7?"}]}""").body());
    upstream.next(THINKING_ANSWER);
    JsonNode openAi = json(post("/v1/chat/completions", """
        {"model":"messages","reasoning_effort":"low",
         "messages":[{"role":"user","content":"6*7, again?"}]}""").body());

    JsonNode content = anthropic.path("content");
    assertThat(content).hasSize(3);
    assertThat(content.get(0).path("type").asText()).isEqualTo("thinking");
    assertThat(content.get(0).path("thinking").asText()).isEqualTo("6 times 7.");
    assertThat(content.get(0).path("signature").asText()).isEqualTo("sig-abc");
    assertThat(content.get(1).path("type").asText()).isEqualTo("redacted_thinking");
    assertThat(content.get(1).path("data").asText()).isEqualTo("enc-xyz");
    assertThat(content.get(2).path("text").asText()).isEqualTo("42");
    assertThat(openAi.path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("42");
  }

  private static final String THINKING_STREAM = """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_3","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":10,"output_tokens":1}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"6 times "}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"7."}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig-abc"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: content_block_start
      data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"42"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":1}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":50}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  @Test
  void streamedThinking_reachesAnthropicClientsAsThinkingAndSignatureDeltas_notOpenAiText()
      throws Exception {
    upstream.next(THINKING_STREAM);
    List<JsonNode> anthropic = events(post("/v1/messages", """
        {"model":"messages","max_tokens":4000,"stream":true,
         "thinking":{"type":"enabled","budget_tokens":2000},
         "messages":[{"role":"user","content":"6*7?"}]}""").body());
    upstream.next(THINKING_STREAM);
    List<JsonNode> openAi = events(post("/v1/chat/completions", """
        {"model":"messages","stream":true,"reasoning_effort":"low",
         "messages":[{"role":"user","content":"6*7, again?"}]}""").body());

    List<String> types = anthropic.stream().map(e -> e.path("type").asText()
        + (e.has("delta") ? ":" + e.path("delta").path("type").asText() : "")
        + (e.has("content_block") ? ":" + e.path("content_block").path("type").asText() : ""))
        .toList();
    assertThat(types).containsSubsequence("content_block_start:thinking",
        "content_block_delta:thinking_delta", "content_block_delta:signature_delta",
        "content_block_stop", "content_block_start:text", "content_block_delta:text_delta");
    StringBuilder thought = new StringBuilder();
    anthropic.stream().filter(e -> e.path("delta").path("type").asText().equals("thinking_delta"))
        .forEach(e -> thought.append(e.path("delta").path("thinking").asText()));
    assertThat(thought.toString()).isEqualTo("6 times 7.");
    assertThat(anthropic).anySatisfy(e ->
        assertThat(e.path("delta").path("signature").asText()).isEqualTo("sig-abc"));
    StringBuilder text = new StringBuilder();
    openAi.forEach(e -> e.path("choices").forEach(c ->
        text.append(c.path("delta").path("content").asText(""))));
    assertThat(text.toString()).isEqualTo("42");
  }

  @Test
  void theAnthropicSdk_accumulatesStreamedThinkingWithItsSignature_andReplaysIt() {
    AnthropicClient client = AnthropicOkHttpClient.builder()
        .baseUrl(gateway.root()).apiKey("unused-on-loopback").maxRetries(0).build();
    try {
      upstream.next(THINKING_STREAM);
      MessageAccumulator accumulator = MessageAccumulator.create();
      try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
          MessageCreateParams.builder().model("messages").maxTokens(4000).enabledThinking(2000)
              .addUserMessage("6*7?").build())) {
        stream.stream().forEach(accumulator::accumulate);
      }
      Message first = accumulator.message();
      upstream.next(MESSAGES_ANSWER);
      client.messages().create(MessageCreateParams.builder().model("messages").maxTokens(4000)
          .enabledThinking(2000)
          .addUserMessage("6*7?").addMessage(first).addUserMessage("And 6*8?").build());

      ThinkingBlock thinking = first.content().getFirst().asThinking();
      assertThat(thinking.thinking()).isEqualTo("6 times 7.");
      assertThat(thinking.signature()).isEqualTo("sig-abc");
      assertThat(first.content().get(1).asText().text()).isEqualTo("42");
      JsonNode replayed = upstream.lastRequest().path("messages").get(1).path("content").get(0);
      assertThat(replayed.path("type").asText()).isEqualTo("thinking");
      assertThat(replayed.path("signature").asText()).isEqualTo("sig-abc");
    } finally {
      client.close();
    }
  }

  private static final String TOOL_TURN_REPLAY = """
      {"model":"%s","max_tokens":4000,%s
       "tools":[{"name":"clock","input_schema":{"type":"object"}}],
       "messages":[{"role":"user","content":"Time?"},
         {"role":"assistant","content":[
           {"type":"thinking","thinking":"Use the clock.","signature":"sig-1"},
           {"type":"redacted_thinking","data":"enc-2"},
           {"type":"tool_use","id":"toolu_1","name":"clock","input":{}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"toolu_1","content":"12:00"}]}]}""";

  @Test
  void replayedThinking_staysSignedForAnAnthropicUpstreamThatThinks_andIsLeftOutElsewhere()
      throws Exception {
    upstream.next(MESSAGES_ANSWER);
    post("/v1/messages", TOOL_TURN_REPLAY.formatted("messages",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},"));
    JsonNode thinking = upstream.lastRequest();
    upstream.next(MESSAGES_ANSWER);
    post("/v1/messages", TOOL_TURN_REPLAY.formatted("messages", ""));
    JsonNode notThinking = upstream.lastRequest();
    upstream.next(OPENAI_ANSWER);
    HttpResponse<String> toOpenAi = post("/v1/messages", TOOL_TURN_REPLAY.formatted("compat",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},"));

    JsonNode turn = thinking.path("messages").get(1).path("content");
    assertThat(turn.get(0).path("type").asText()).isEqualTo("thinking");
    assertThat(turn.get(0).path("signature").asText()).isEqualTo("sig-1");
    assertThat(turn.get(1).path("type").asText()).isEqualTo("redacted_thinking");
    assertThat(turn.get(1).path("data").asText()).isEqualTo("enc-2");
    assertThat(turn.get(2).path("type").asText()).isEqualTo("tool_use");
    assertThat(notThinking.path("messages").get(1).path("content").get(0).path("type").asText())
        .isEqualTo("tool_use");
    assertThat(toOpenAi.statusCode()).isEqualTo(200);
    assertThat(upstream.lastRequest().toString()).doesNotContain("sig-1").doesNotContain("enc-2")
        .doesNotContain("Use the clock.");
  }

  @Test
  void aToolTurnWithoutThinkingBlocks_continuesOnAnAnthropicUpstreamWithoutThinking()
      throws Exception {
    upstream.next(MESSAGES_ANSWER);
    HttpResponse<String> openAi = post("/v1/chat/completions", """
        {"model":"messages","reasoning_effort":"low",
         "tools":[{"type":"function","function":{"name":"clock","parameters":{}}}],
         "messages":[{"role":"user","content":"Time?"},
           {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
             "function":{"name":"clock","arguments":"{}"}}]},
           {"role":"tool","tool_call_id":"call_1","content":"12:00"}]}""");
    JsonNode continued = upstream.lastRequest();
    upstream.next(MESSAGES_ANSWER);
    post("/v1/chat/completions", """
        {"model":"messages","reasoning_effort":"low",
         "messages":[{"role":"user","content":"Time?"},{"role":"assistant","content":"Noon."},
           {"role":"user","content":"And now?"}]}""");
    JsonNode newTurn = upstream.lastRequest();

    assertThat(openAi.statusCode()).isEqualTo(200);
    assertThat(continued.has("thinking")).isFalse();
    assertThat(continued.path("max_tokens").asInt()).isEqualTo(4096);
    assertThat(newTurn.path("thinking").path("type").asText()).isEqualTo("enabled");
  }

  // ---- reasoning fields of OpenAI-compatible servers (vLLM, DeepSeek, Ollama) -------------

  private static final String REASONING_CONTENT_ANSWER = """
      {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"deepseek-reasoner",
       "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
         "reasoning_content":"Six sevens.","reasoning":"Six sevens.","content":"42"}}],
       "usage":{"prompt_tokens":10,"completion_tokens":100,"total_tokens":110,
         "completion_tokens_details":{"reasoning_tokens":80}}}""";

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
        + finish + "}]}\n\n";
  }

  private static final String REASONING_CONTENT_STREAM =
      chunk("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"Six \"}", "null")
      + chunk("{\"reasoning_content\":\"sevens.\",\"content\":null}", "null")
      + chunk("{\"reasoning\":\"Still thinking.\"}", "null")
      + chunk("{\"content\":\"42\",\"reasoning_content\":null}", "null")
      + chunk("{}", "\"stop\"")
      + "data: {\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,"
      + "\"completion_tokens\":100,\"total_tokens\":110,"
      + "\"completion_tokens_details\":{\"reasoning_tokens\":80}}}\n\n"
      + "data: [DONE]\n\n";

  @Test
  void reasoningFieldsOfOpenAiCompatibleServers_neitherBreakNorLeakIntoTheAnswer()
      throws Exception {
    upstream.next(REASONING_CONTENT_ANSWER);
    JsonNode openAi = json(post("/v1/chat/completions", """
        {"model":"compat","messages":[{"role":"user","content":"6*7?"}]}""").body());
    upstream.next(REASONING_CONTENT_ANSWER);
    JsonNode anthropic = json(post("/v1/messages", """
        {"model":"compat","max_tokens":4000,"messages":[{"role":"user","content":"6*7?"}]}""")
        .body());
    upstream.next(REASONING_CONTENT_STREAM);
    List<JsonNode> openAiStream = events(post("/v1/chat/completions", """
        {"model":"compat","stream":true,"messages":[{"role":"user","content":"6*7?"}]}""")
        .body());
    upstream.next(REASONING_CONTENT_STREAM);
    List<JsonNode> anthropicStream = events(post("/v1/messages", """
        {"model":"compat","max_tokens":4000,"stream":true,
         "messages":[{"role":"user","content":"6*7?"}]}""").body());

    assertThat(openAi.path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("42");
    assertThat(anthropic.path("content")).hasSize(1);
    assertThat(anthropic.path("content").get(0).path("text").asText()).isEqualTo("42");
    StringBuilder streamed = new StringBuilder();
    openAiStream.forEach(e -> e.path("choices").forEach(c ->
        streamed.append(c.path("delta").path("content").asText(""))));
    assertThat(streamed.toString()).isEqualTo("42");
    StringBuilder anthropicText = new StringBuilder();
    anthropicStream.forEach(e -> anthropicText.append(e.path("delta").path("text").asText("")));
    assertThat(anthropicText.toString()).isEqualTo("42");
  }

  @Test
  void reasoningTokens_arePricedOnceAsTheOutputTokensTheyArePartOf() throws Exception {
    upstream.next(REASONING_CONTENT_ANSWER);
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"compat","messages":[{"role":"user","content":"What is six times seven?"}]}""");
    JsonNode usage = json(response.body()).path("usage");

    // 10 input tokens at $1 and 100 output tokens (80 of them reasoning) at $2 per million.
    BigDecimal expected = new BigDecimal("0.000210");
    assertThat(new BigDecimal(response.headers().firstValue("x-gearbox-cost-usd").orElseThrow()))
        .isEqualByComparingTo(expected);
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(100);
    assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt())
        .isEqualTo(80);
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(110);
  }
}
