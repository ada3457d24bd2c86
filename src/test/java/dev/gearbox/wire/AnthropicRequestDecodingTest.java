package dev.gearbox.wire;

import static dev.gearbox.wire.Fixtures.invalid;
import static dev.gearbox.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Reasoning;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.ToolChoice;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestDecodingTest {

  private static ChatRequest decode(String json) {
    return AnthropicCodec.decodeRequest(utf8(json));
  }

  private static String withMessages(String messages) {
    return "{\"model\":\"auto\",\"max_tokens\":100,\"messages\":" + messages + "}";
  }

  /** A valid request plus {@code param}, which replaces the default max_tokens if it sets one. */
  private static String withParam(String param) {
    String maxTokens = param.contains("\"max_tokens\"") ? "" : "\"max_tokens\":100,";
    return "{\"model\":\"auto\"," + maxTokens + "\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}]," + param + "}";
  }

  @Test
  void fullRequest_decodesEveryField() {
    ChatRequest request = AnthropicCodec.decodeRequest(Fixtures.bytes("anthropic-request.json"));

    assertThat(request.model()).isEqualTo("claude-sonnet-4-5");
    assertThat(request.messages()).extracting(Message::role).containsExactly(
        Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.USER);
    assertThat(request.messages().getFirst().content()).containsExactly(
        new ContentPart.Text("You are a travel assistant.", true),
        new ContentPart.Text("Answer briefly."));
    assertThat(request.messages().get(1).content()).hasSize(3).element(2).isEqualTo(
        ContentPart.Image.ofUrl("https://upload.wikimedia.org/wikipedia/commons/4/4b/Paris.jpg"));
    Message assistant = request.messages().get(2);
    assertThat(assistant.text()).isEqualTo("I'll look both up.");
    assertThat(assistant.toolCalls()).containsExactly(
        new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
            "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
        new ToolCall("toolu_01A09q90qw90lq917835lqA", "get_weather",
            "{\"location\":\"Zürich, Switzerland\"}"));
    assertThat(request.messages().get(3))
        .isEqualTo(Message.toolResult("toolu_01A09q90qw90lq917835lq9", "21.5 °C, clear"));
    assertThat(request.messages().get(4).toolCallId()).hasValue("toolu_01A09q90qw90lq917835lqA");
    assertThat(request.messages().get(4).text()).isEqualTo("Error: weather service timed out");
    assertThat(request.messages().get(5)).isEqualTo(Message.text(Role.USER, "Which one is warmer?"));
    assertThat(request.tools()).singleElement().satisfies(t -> assertThat(t.name())
        .isEqualTo("get_weather"));
    assertThat(request.toolChoice()).hasValue(new ToolChoice.Auto());
    assertThat(request.sampling().maxTokens()).hasValue(1024);
    assertThat(request.sampling().temperature()).hasValue(0.5);
    assertThat(request.sampling().topP()).hasValue(0.9);
    assertThat(request.sampling().stop()).containsExactly("\n\nHuman:");
    assertThat(request.sampling().user()).hasValue("user-1234");
    assertThat(request.stream()).isFalse();
  }

  /** An assistant turn calling tools a and b, for the results that follow it. */
  private static final String CALLS_A_AND_B = "{\"role\":\"assistant\",\"content\":["
      + "{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"f\",\"input\":{}},"
      + "{\"type\":\"tool_use\",\"id\":\"b\",\"name\":\"f\",\"input\":{}}]},";

  @Test
  void toolResultsComeBeforeTheRestOfTheirTurn_inOrder() {
    ChatRequest request = decode(withMessages("[" + CALLS_A_AND_B + "{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"here you go\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":\"1\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"b\",\"content\":\"2\"}]}]"));
    assertThat(request.messages()).endsWith(
        Message.toolResult("a", "1"), Message.toolResult("b", "2"),
        Message.text(Role.USER, "here you go"));
  }

  @Test
  void stringSystem_andStreaming_decode() {
    ChatRequest request = decode("{\"model\":\"m\",\"max_tokens\":5,\"system\":\"Be terse.\","
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(request.messages()).containsExactly(
        Message.text(Role.SYSTEM, "Be terse."), Message.text(Role.USER, "Hi"));
    assertThat(request.stream()).isTrue();
    assertThat(request.includeUsage()).isTrue();
  }

  @Test
  void toolChoices_decode() {
    String tools = "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}],";
    assertThat(decode(withParam(tools + "\"tool_choice\":{\"type\":\"any\"}")).toolChoice())
        .hasValue(new ToolChoice.Required());
    assertThat(decode(withParam(tools + "\"tool_choice\":{\"type\":\"none\"}")).toolChoice())
        .hasValue(new ToolChoice.None());
    assertThat(decode(withParam(tools + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\"}"))
        .toolChoice()).hasValue(new ToolChoice.Named("f"));
  }

  @Test
  void missingMaxTokens_namesMaxTokens() {
    GatewayError.InvalidRequest error = invalid(() -> decode(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
        "max_tokens", "'max_tokens' is required");
    assertThat(AnthropicCodec.encodeError(error).toString()).isEqualTo(
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
            + "\"'max_tokens' is required by the Messages API: set the most tokens the answer "
            + "may use\"}}");
  }

  @Test
  void truncatedBody_saysTruncated() {
    GatewayError error = Fixtures.failure(() -> decode("{\"model\":\"m\",\"max_tok"));
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.message()).contains("truncated");
  }

  @Test
  void systemRoleInMessages_pointsToTheSystemField() {
    invalid(() -> decode(withMessages("[{\"role\":\"system\",\"content\":\"x\"}]")),
        "messages[0].role", "top-level 'system' field");
  }

  @Test
  void unknownRole_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"tool\",\"content\":\"x\"}]")),
        "messages[0].role", "must be user or assistant; got 'tool'");
  }

  @Test
  void toolUseInUserTurn_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\","
            + "\"id\":\"t\",\"name\":\"f\",\"input\":{}}]}]")),
        "messages[0].content[0].type", "only assistant turns may hold");
  }

  @Test
  void documentBlock_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
            + "\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"x\"}}]}]")),
        "messages[0].content[0].type", "'document'");
  }

  @Test
  void thinkingBlocksReplayedInAssistantTurns_areKeptWithTheirSignatures() {
    ChatRequest request = decode(withMessages("[{\"role\":\"user\",\"content\":\"x\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hm\","
        + "\"signature\":\"c2ln\"},{\"type\":\"redacted_thinking\",\"data\":\"ZW5j\"},"
        + "{\"type\":\"text\",\"text\":\"y\"}]},{\"role\":\"user\",\"content\":\"z\"}]"));

    assertThat(request.messages().get(1).content()).containsExactly(
        new ContentPart.Thinking("hm", "c2ln"), new ContentPart.RedactedThinking("ZW5j"),
        new ContentPart.Text("y"));
    assertThat(request.messages().get(1).text()).isEqualTo("y");
  }

  @Test
  void serverToolBlockInAssistantTurn_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":\"x\"},{\"role\":"
            + "\"assistant\",\"content\":[{\"type\":\"server_tool_use\",\"id\":\"s\"}]}]")),
        "messages[1].content[0].type", "expected text, tool_use or thinking");
  }

  @Test
  void toolUseInputNotAnObject_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":\"x\"},{\"role\":"
            + "\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\","
            + "\"input\":\"{}\"}]}]")),
        "messages[1].content[0].input", "must be an object, got a string");
  }

  @Test
  void toolResultWithoutId_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
            + "\"content\":\"x\"}]}]")),
        "messages[0].content[0].tool_use_id", "is required");
  }

  @Test
  void imageWithUnsupportedMediaType_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
            + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/bmp\","
            + "\"data\":\"AAAA\"}}]}]")),
        "messages[0].content[0].source.media_type", "unsupported image media type 'image/bmp'");
  }

  @Test
  void imageWithBadBase64_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
            + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
            + "\"data\":\"not base64!\"}}]}]")),
        "messages[0].content[0].source.data", "valid base64");
  }

  @Test
  void imageWithFileSource_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
            + "\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]")),
        "messages[0].content[0].source.type", "must be base64 or url; got 'file'");
  }

  @Test
  void serverTool_isRefused() {
    invalid(() -> decode(withParam("\"tools\":[{\"type\":\"web_search_20250305\",\"name\":"
            + "\"web_search\"}]")),
        "tools[0].type", "a server tool");
  }

  @Test
  void toolWithoutSchema_isRefused() {
    invalid(() -> decode(withParam("\"tools\":[{\"name\":\"f\"}]")), "tools[0].input_schema",
        "is required");
  }

  @Test
  void toolChoiceOfUnknownType_isRefused() {
    invalid(() -> decode(withParam("\"tool_choice\":{\"type\":\"sometimes\"}")),
        "tool_choice.type", "must be auto, any, tool or none");
  }

  @Test
  void toolChoiceNamingUnknownTool_isRefused() {
    invalid(() -> decode(withParam("\"tool_choice\":{\"type\":\"tool\",\"name\":\"g\"}")),
        "tool_choice", "names the tool 'g'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"max_tokens\":0           | max_tokens     | at least 1, got 0",
      "\"temperature\":1.5        | temperature    | between 0 and 1, got 1.5",
      "\"top_p\":-1               | top_p          | between 0 and 1, got -1",
      "\"stop_sequences\":\"END\" | stop_sequences | must be an array of strings, got a string",
      "\"metadata\":\"u\"         | metadata       | must be an object, got a string",
      "\"system\":42              | system         | must be an array, got a number",
      "\"stream\":1               | stream         | must be a boolean, got a number"})
  void outOfRangeOrMistypedParameter_isNamedWithItsRule(
      String param, String expectedParam, String fragment) {
    invalid(() -> decode(withParam(param)), expectedParam, fragment);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"top_k\":40                                               | top_k"})
  void semanticParameterWeCannotHonour_isRefusedNotDropped(String param, String name) {
    invalid(() -> decode(withParam(param)), name, "is not supported by this gateway");
  }

  @Test
  void disableParallelToolUse_isKept() {
    ChatRequest request = decode(withParam(
        "\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
    assertThat(request.parallelToolCalls()).isFalse();
    assertThat(decode(withParam("\"tool_choice\":{\"type\":\"auto\"}")).parallelToolCalls())
        .isTrue();
  }

  @Test
  void thinking_isKeptAsItsBudget_anddisabledThinkingAsNone() {
    assertThat(decode(withParam("\"thinking\":{\"type\":\"disabled\"}")).sampling().reasoning())
        .isEmpty();
    assertThat(decode(withParam("\"max_tokens\":4096,"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}")).sampling().reasoning())
        .contains(new Reasoning.Budget(2048));
    assertThat(decode(withParam("\"thinking\":{\"type\":\"adaptive\"}")).sampling().reasoning())
        .contains(new Reasoning.Adaptive());
  }

  @Test
  void emptyTextSystem_addsNoSystemMessage() {
    assertThat(decode(withParam("\"system\":\"\"")).messages())
        .containsExactly(Message.text(Role.USER, "hi"));
  }

  @Test
  void userTurnOfOnlyToolResults_yieldsOnlyToolMessages() {
    assertThat(decode(withMessages("[" + CALLS_A_AND_B + "{\"role\":\"user\",\"content\":["
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"a\"}]}]")).messages()).endsWith(
        new Message(Role.TOOL, List.of(), List.of(), Optional.of("a"), Optional.empty()));
  }
}
