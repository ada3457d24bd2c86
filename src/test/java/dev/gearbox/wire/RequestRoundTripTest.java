package dev.gearbox.wire;

import static dev.gearbox.wire.Fixtures.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Dialect;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestRoundTripTest {

  private static byte[] bytes(ObjectNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String json) throws IOException {
    return Json.MAPPER.readTree(json);
  }

  @Test
  void openAi_toCanonical_andBack_keepsEverything() {
    ChatRequest canonical = OpenAiCodec.decodeRequest(Fixtures.bytes("openai-request.json"));
    ObjectNode encoded = OpenAiCodec.encodeRequest(canonical);

    assertThat(OpenAiCodec.decodeRequest(bytes(encoded))).isEqualTo(canonical);
    assertThat(encoded.path("stream").asBoolean()).isTrue();
    assertThat(encoded.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(encoded.path("max_tokens").asInt()).isEqualTo(512);
    assertThat(encoded.path("messages").get(0).toString())
        .isEqualTo("{\"role\":\"system\",\"content\":"
            + "\"You are a travel assistant. Answer briefly.\"}");
    assertThat(encoded.path("messages").get(2).path("content").isNull()).isTrue();
    assertThat(encoded.path("tools").get(0).path("function").path("parameters").toString())
        .contains("\"multipleOf\":0.10");
  }

  @Test
  void openAi_encodeWithMaxCompletionTokens_usesThatField() {
    ChatRequest canonical = OpenAiCodec.decodeRequest(Fixtures.bytes("openai-request.json"));
    ObjectNode encoded = OpenAiCodec.encodeRequest(canonical, TokenLimitField.MAX_COMPLETION_TOKENS);
    assertThat(encoded.has("max_tokens")).isFalse();
    assertThat(encoded.path("max_completion_tokens").asInt()).isEqualTo(512);
  }

  @Test
  void openAi_nonStreamingRequest_hasNoStreamFields() {
    ChatRequest request = ChatRequest.of("m", List.of(Message.text(Role.USER, "x")));
    assertThat(OpenAiCodec.encodeRequest(request).toString())
        .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
  }

  @Test
  void openAi_streamingRequestWithoutUsage_stillAsksUpstreamForUsage() {
    ChatRequest request = ChatRequest.of("m", List.of(Message.text(Role.USER, "x")))
        .withStream(true, false);
    assertThat(OpenAiCodec.encodeRequest(request).path("stream_options").toString())
        .isEqualTo("{\"include_usage\":true}");
  }

  @Test
  void openAi_imageInAToolResult_followsTheResultsInAUserMessage() {
    Message tool = new Message(Role.TOOL, List.of(ContentPart.Image.ofUrl("https://x.org/a.png")),
        List.of(), Optional.of("t1"), Optional.empty());
    ChatRequest request = ChatRequest.of("m", List.of(Message.text(Role.USER, "x"), tool));

    JsonNode messages = OpenAiCodec.encodeRequest(request).path("messages");

    assertThat(messages).hasSize(3);
    assertThat(messages.get(1).path("content").asText())
        .isEqualTo("[the tool returned 1 image, attached in the next user message]");
    assertThat(messages.get(2).toString()).isEqualTo("{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"Images returned by tool call t1:\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.org/a.png\"}}]}");
  }

  @Test
  void anthropic_toCanonical_andBack_keepsEverything() throws IOException {
    ChatRequest canonical = AnthropicCodec.decodeRequest(Fixtures.bytes("anthropic-request.json"));
    ObjectNode encoded = AnthropicCodec.encodeRequest(canonical, 4096);

    assertThat(AnthropicCodec.decodeRequest(bytes(encoded))).isEqualTo(canonical);
    assertThat(encoded.path("max_tokens").asInt()).isEqualTo(1024);
    assertThat(encoded.path("system")).isEqualTo(parse("[{\"type\":\"text\",\"text\":"
        + "\"You are a travel assistant.\",\"cache_control\":{\"type\":\"ephemeral\"}},"
        + "{\"type\":\"text\",\"text\":\"Answer briefly.\"}]"));
    assertThat(encoded.path("messages").get(2)).isEqualTo(parse("{\"role\":\"user\",\"content\":["
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A09q90qw90lq917835lq9\","
        + "\"content\":\"21.5 °C, clear\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A09q90qw90lq917835lqA\","
        + "\"content\":\"weather service timed out\",\"is_error\":true},"
        + "{\"type\":\"text\",\"text\":\"Which one is warmer?\"}]}"));
    assertThat(encoded.path("metadata").path("user_id").asText()).isEqualTo("user-1234");
  }

  @Test
  void openAiRequest_crossesToAnthropic_withToolResultsFoldedIntoOneUserTurn() throws IOException {
    ChatRequest canonical = OpenAiCodec.decodeRequest(Fixtures.bytes("openai-request.json"));
    ObjectNode encoded = AnthropicCodec.encodeRequest(canonical, 4096);

    JsonNode expected = parse("""
        {"model":"gpt-4o","max_tokens":512,
         "system":"You are a travel assistant. Answer briefly.",
         "messages":[
          {"role":"user","content":[
            {"type":"text","text":"What is the weather like in Paris and in Zürich today?"},
            {"type":"image","source":{"type":"url",
              "url":"https://upload.wikimedia.org/wikipedia/commons/4/4b/Paris.jpg"}},
            {"type":"image","source":{"type":"base64","media_type":"image/png",
              "data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAC\
        hwGA60e6kgAAAABJRU5ErkJggg=="}}]},
          {"role":"assistant","content":[
            {"type":"tool_use","id":"call_Wq3fZl1","name":"get_weather",
             "input":{"location":"Paris, France","unit":"celsius"}},
            {"type":"tool_use","id":"call_Wq3fZl2","name":"get_weather",
             "input":{"location":"Zürich, Switzerland","unit":"celsius"}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"call_Wq3fZl1",
             "content":"{\\"temperature\\": 21.50, \\"sky\\": \\"clear\\"}"},
            {"type":"tool_result","tool_use_id":"call_Wq3fZl2",
             "content":"{\\"temperature\\": 17, \\"sky\\": \\"rain\\"}"},
            {"type":"text","text":"Thanks. Which one is warmer?"}]}],
         "tools":[{"name":"get_weather","description":"Get the current weather in a given location",
           "input_schema":{"type":"object","properties":{
             "location":{"type":"string","description":"The city and country, e.g. Paris, France"},
             "unit":{"type":"string","enum":["celsius","fahrenheit"]},
             "precision":{"type":"number","multipleOf":0.10}},
           "required":["location"]}}],
         "tool_choice":{"type":"auto"},
         "stop_sequences":["\\n\\nUser:"],
         "temperature":0.7,"top_p":0.95,
         "metadata":{"user_id":"user-1234"},
         "stream":true}
        """);
    assertThat(encoded.toString()).isEqualTo(expected.toString());
  }

  @Test
  void anthropicRequest_crossesToOpenAi_andBackToTheSameCanonicalForm() {
    ChatRequest canonical = AnthropicCodec.decodeRequest(Fixtures.bytes("anthropic-request.json"));
    ObjectNode openAi = OpenAiCodec.encodeRequest(canonical);

    assertThat(openAi.path("messages").get(4).toString()).isEqualTo("{\"role\":\"tool\","
        + "\"tool_call_id\":\"toolu_01A09q90qw90lq917835lqA\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"Error: \"},{\"type\":\"text\",\"text\":\"weather service timed out\"}]}");
    assertThat(OpenAiCodec.decodeRequest(bytes(openAi))).isEqualTo(withoutBreakpoints(canonical));
  }

  /**
   * An OpenAI-format upstream gets no cache breakpoints (its caching is automatic), and what it
   * decodes is in the OpenAI dialect.
   */
  private static ChatRequest withoutBreakpoints(ChatRequest request) {
    List<Message> messages = request.messages().stream()
        .map(m -> new Message(m.role(), m.content().stream()
            .map(p -> p instanceof ContentPart.Text t ? new ContentPart.Text(t.text()) : p)
            .toList(), m.toolCalls(), m.toolCallId(), m.name()))
        .toList();
    List<Tool> tools = request.tools().stream()
        .map(t -> new Tool(t.name(), t.description(), t.parametersSchema()))
        .toList();
    return new ChatRequest(request.model(), messages, tools, request.toolChoice(),
        request.responseFormat(), request.sampling(), request.stream(), request.includeUsage(),
        request.parallelToolCalls(), Dialect.OPENAI);
  }

  @Test
  void anthropicEncode_withoutMaxTokens_usesTheDefault() {
    ChatRequest request = ChatRequest.of("m", List.of(Message.text(Role.USER, "x")));
    assertThat(AnthropicCodec.encodeRequest(request, 777).toString())
        .isEqualTo("{\"model\":\"m\",\"max_tokens\":777,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"x\"}]}");
  }

  @Test
  void anthropicEncode_refusesJsonResponseFormats() {
    ChatRequest base = ChatRequest.of("m", List.of(Message.text(Role.USER, "x")));
    ChatRequest json = new ChatRequest("m", base.messages(), List.of(), Optional.empty(),
        Optional.of(new ResponseFormat.JsonObject()), base.sampling(), false, false);
    invalid(() -> AnthropicCodec.encodeRequest(json, 100), "response_format", "json_object");
    ChatRequest text = new ChatRequest("m", base.messages(), List.of(), Optional.empty(),
        Optional.of(new ResponseFormat.Text()), base.sampling(), false, false);
    assertThat(AnthropicCodec.encodeRequest(text, 100).has("response_format")).isFalse();
  }

  @Test
  void anthropicEncode_refusesSeveralChoices() {
    ChatRequest request = ChatRequest.of("m", List.of(Message.text(Role.USER, "x")));
    invalid(() -> AnthropicCodec.encodeRequest(
        request.withSampling(request.sampling().withN(3)), 100), "n", "one choice per request");
  }

  @Test
  void anthropicEncode_refusesTemperatureAboveOne() {
    ChatRequest request = OpenAiCodec.decodeRequest(Fixtures.utf8(
        "{\"model\":\"m\",\"temperature\":1.4,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
    invalid(() -> AnthropicCodec.encodeRequest(request, 100), "temperature", "above 1");
  }

  @Test
  void anthropicEncode_refusesToolArgumentsThatAreNotAnObject() {
    ChatRequest request = ChatRequest.of("m", List.of(Message.text(Role.USER, "x"),
        Message.assistant("", List.of(new ToolCall("c1", "f", "[1,2]"))),
        Message.toolResult("c1", "ok")));
    invalid(() -> AnthropicCodec.encodeRequest(request, 100),
        "messages[1].tool_calls[0].function.arguments", "not a JSON object");
  }

  @Test
  void anthropicEncode_emptyToolArguments_becomeAnEmptyInput() {
    ChatRequest request = ChatRequest.of("m", List.of(Message.text(Role.USER, "x"),
        Message.assistant("", List.of(new ToolCall("c1", "f", ""))),
        Message.toolResult("c1", "ok")));
    JsonNode turn = AnthropicCodec.encodeRequest(request, 100).path("messages").get(1);
    assertThat(turn.toString()).isEqualTo("{\"role\":\"assistant\",\"content\":[{\"type\":"
        + "\"tool_use\",\"id\":\"c1\",\"name\":\"f\",\"input\":{}}]}");
  }

  @Test
  void anthropicEncode_onlySystemText_isRefused() {
    ChatRequest request = ChatRequest.of("m", List.of(Message.text(Role.SYSTEM, "x")));
    invalid(() -> AnthropicCodec.encodeRequest(request, 100), "messages", "at least one user");
  }

  @Test
  void errors_encodeInBothFormats() {
    var error = dev.gearbox.model.GatewayError.InvalidRequest.forParam("n", "'n' must be >= 1");
    assertThat(OpenAiCodec.encodeError(error).toString()).isEqualTo("{\"error\":{\"message\":"
        + "\"'n' must be >= 1\",\"type\":\"invalid_request_error\",\"param\":\"n\",\"code\":null}}");
    var limited = new dev.gearbox.model.GatewayError.RateLimited("slow down", 3);
    assertThat(OpenAiCodec.encodeError(limited).toString()).isEqualTo("{\"error\":{\"message\":"
        + "\"slow down\",\"type\":\"rate_limit_error\",\"param\":null,\"code\":"
        + "\"rate_limit_exceeded\"}}");
    assertThat(AnthropicCodec.encodeError(limited).toString()).isEqualTo("{\"type\":\"error\","
        + "\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}");
  }
}
