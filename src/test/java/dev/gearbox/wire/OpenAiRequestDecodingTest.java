package dev.gearbox.wire;

import static dev.gearbox.wire.Fixtures.invalid;
import static dev.gearbox.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Reasoning;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.ToolChoice;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestDecodingTest {

  private static ChatRequest decode(String json) {
    return OpenAiCodec.decodeRequest(utf8(json));
  }

  private static String withMessages(String messages) {
    return "{\"model\":\"auto\",\"messages\":" + messages + "}";
  }

  private static String withParam(String param) {
    return "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + param
        + "}";
  }

  @Test
  void fullRequest_decodesEveryField() {
    ChatRequest request = OpenAiCodec.decodeRequest(Fixtures.bytes("openai-request.json"));

    assertThat(request.model()).isEqualTo("gpt-4o");
    assertThat(request.messages()).extracting(Message::role).containsExactly(
        Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.USER);
    Message user = request.messages().get(1);
    assertThat(user.name()).hasValue("ana");
    assertThat(user.content()).containsExactly(
        new ContentPart.Text("What is the weather like in Paris and in Zürich today?"),
        new ContentPart.Image("https://upload.wikimedia.org/wikipedia/commons/4/4b/Paris.jpg",
            null, null, "low"),
        ContentPart.Image.inline("image/png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAD"
            + "UlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
    assertThat(request.messages().get(2).toolCalls()).containsExactly(
        new ToolCall("call_Wq3fZl1", "get_weather",
            "{\"location\": \"Paris, France\", \"unit\": \"celsius\"}"),
        new ToolCall("call_Wq3fZl2", "get_weather",
            "{\"location\": \"Zürich, Switzerland\", \"unit\": \"celsius\"}"));
    assertThat(request.messages().get(3).toolCallId()).hasValue("call_Wq3fZl1");
    assertThat(request.messages().get(4).text()).isEqualTo("{\"temperature\": 17, \"sky\": \"rain\"}");
    assertThat(request.tools()).singleElement().satisfies(tool -> {
      assertThat(tool.name()).isEqualTo("get_weather");
      assertThat(tool.description()).hasValue("Get the current weather in a given location");
      assertThat(tool.parametersSchema().toString()).contains("\"multipleOf\":0.10");
    });
    assertThat(request.toolChoice()).hasValue(new ToolChoice.Auto());
    assertThat(request.sampling().maxTokens()).hasValue(512);
    assertThat(request.sampling().temperature()).hasValue(0.7);
    assertThat(request.sampling().topP()).hasValue(0.95);
    assertThat(request.sampling().seed()).hasValue(42);
    assertThat(request.sampling().stop()).containsExactly("\n\nUser:");
    assertThat(request.sampling().user()).hasValue("user-1234");
    assertThat(request.stream()).isTrue();
    assertThat(request.includeUsage()).isTrue();
  }

  @Test
  void minimalRequest_takesDefaults() {
    ChatRequest request = decode(withMessages("[{\"role\":\"user\",\"content\":\"Hello\"}]"));
    assertThat(request).isEqualTo(ChatRequest.of("auto", List.of(Message.text(Role.USER, "Hello"))));
  }

  @Test
  void explicitNulls_countAsAbsent() {
    ChatRequest request = decode(withParam(
        "\"temperature\":null,\"tools\":null,\"stop\":null,\"logprobs\":null,\"functions\":null"));
    assertThat(request.sampling().temperature()).isEmpty();
    assertThat(request.tools()).isEmpty();
  }

  @Test
  void responseFormats_andNamedToolChoice_decode() {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],";
    assertThat(decode(withParam(tools + "\"tool_choice\":{\"type\":\"function\","
        + "\"function\":{\"name\":\"f\"}}")).toolChoice()).hasValue(new ToolChoice.Named("f"));
    assertThat(decode(withParam(tools + "\"tool_choice\":\"required\"")).toolChoice())
        .hasValue(new ToolChoice.Required());
    assertThat(decode(withParam("\"response_format\":{\"type\":\"json_object\"}"))
        .responseFormat()).hasValue(new ResponseFormat.JsonObject());
    ResponseFormat schema = decode(withParam("\"response_format\":{\"type\":\"json_schema\","
        + "\"json_schema\":{\"name\":\"answer\",\"strict\":true,\"schema\":{\"type\":\"object\"}}}"))
        .responseFormat().orElseThrow();
    assertThat(schema).isInstanceOfSatisfying(ResponseFormat.JsonSchema.class, s -> {
      assertThat(s.name()).isEqualTo("answer");
      assertThat(s.strict()).isTrue();
      assertThat(s.schema().toString()).isEqualTo("{\"type\":\"object\"}");
    });
  }

  @Test
  void stopAsString_andLegacyMaxTokens_decode() {
    ChatRequest request = decode(withParam("\"stop\":\"END\",\"max_tokens\":64,\"n\":3"));
    assertThat(request.sampling().stop()).containsExactly("END");
    assertThat(request.sampling().maxTokens()).hasValue(64);
    assertThat(request.sampling().n()).isEqualTo(3);
  }

  @Test
  void assistantWithToolCallsOnly_hasNoContent() {
    ChatRequest request = decode(withMessages("[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"ok\"}]"));
    assertThat(request.messages().get(1)).isEqualTo(
        new Message(Role.ASSISTANT, List.of(), List.of(new ToolCall("c1", "f", "{}")),
            Optional.empty(), Optional.empty()));
  }

  // ---- malformed bodies --------------------------------------------------------------------

  @Test
  void emptyBody_isRefused() {
    GatewayError error = Fixtures.failure(() -> OpenAiCodec.decodeRequest(new byte[0]));
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.message()).contains("empty");
    assertThat(Fixtures.failure(() -> decode(" \n ")).message()).contains("empty");
  }

  @Test
  void truncatedJson_saysTruncated_withPosition() {
    GatewayError error = Fixtures.failure(() -> decode("{\"model\":\"auto\",\"messages\":[{\"ro"));
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.message()).contains("truncated").contains("line 1, column");
  }

  @Test
  void malformedJson_saysWhereAndWhy() {
    String body = "{\n  \"model\": \"auto\",\n  \"messages\": [}\n}";
    GatewayError error = Fixtures.failure(() -> decode(body));
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.message()).contains("malformed").contains("line 3, column 16")
        .endsWith(": Unexpected close marker '}': expected ']'");
  }

  @Test
  void trailingContent_isRefused() {
    GatewayError error = Fixtures.failure(() -> decode(withParam("\"n\":1") + "{\"x\":1}"));
    assertThat(error.message()).contains("extra content after the request object");
  }

  @Test
  void duplicateKey_isRefused() {
    GatewayError error = Fixtures.failure(() -> decode(
        "{\"model\":\"a\",\"model\":\"b\",\"messages\":[]}"));
    assertThat(error.message()).contains("malformed").contains("Duplicate field 'model'");
  }

  @Test
  void nonStandardNumber_reasonIsKeptWithoutInternalDetail() {
    assertThat(Fixtures.failure(() -> decode("{\"model\":NaN}")).message())
        .isEqualTo("the JSON body is malformed at line 1, column 13: Non-standard token 'NaN'");
  }

  @Test
  void invalidUtf8_isRefused() {
    byte[] body = {'{', '"', 'm', '"', ':', '"', (byte) 0xff, '"', '}'};
    GatewayError error = Fixtures.failure(() -> OpenAiCodec.decodeRequest(body));
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.message()).contains("malformed");
  }

  @Test
  void notAnObject_isRefused() {
    assertThat(Fixtures.failure(() -> decode("[1,2]")).message())
        .isEqualTo("the request body must be a JSON object, got an array");
    assertThat(Fixtures.failure(() -> decode("\"hi\"")).message()).contains("got a string");
  }

  // ---- wrong types and missing fields -----------------------------------------------------

  @Test
  void missingModel_namesModel() {
    invalid(() -> decode("{\"messages\":[]}"), "model", "'model' is required");
  }

  @Test
  void missingMessages_namesMessages() {
    invalid(() -> decode("{\"model\":\"auto\"}"), "messages", "'messages' is required");
  }

  @Test
  void messagesNotAnArray_saysSo() {
    invalid(() -> decode("{\"model\":\"auto\",\"messages\":\"hi\"}"), "messages",
        "'messages' must be an array, got a string");
  }

  @Test
  void emptyMessages_isRefused() {
    invalid(() -> decode(withMessages("[]")), "messages", "at least one message");
  }

  @Test
  void modelOfWrongType_saysSo() {
    invalid(() -> decode("{\"model\":4,\"messages\":[]}"), "model",
        "'model' must be a string, got a number");
  }

  @Test
  void unknownRole_listsTheAcceptedRoles() {
    invalid(() -> decode(withMessages("[{\"role\":\"bot\",\"content\":\"x\"}]")),
        "messages[0].role", "must be one of system, developer, user, assistant, tool; got 'bot'");
  }

  @Test
  void legacyFunctionRole_isRefusedWithAdvice() {
    invalid(() -> decode(withMessages("[{\"role\":\"function\",\"name\":\"f\",\"content\":\"x\"}]")),
        "messages[0].role", "with role 'tool'");
  }

  @Test
  void missingContent_namesThePath() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\"}]")), "messages[0].content",
        "'messages[0].content' is required");
  }

  @Test
  void contentOfWrongType_saysWhatIsAccepted() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":5}]")),
        "messages[0].content", "must be a string or an array of content parts, got a number");
  }

  @Test
  void unknownContentPartType_isRefused() {
    invalid(() -> decode(withMessages(
            "[{\"role\":\"user\",\"content\":[{\"type\":\"video\",\"url\":\"x\"}]}]")),
        "messages[0].content[0].type", "unknown content part type 'video'");
  }

  @Test
  void audioContentPart_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\","
            + "\"input_audio\":{\"data\":\"AAA\",\"format\":\"wav\"}}]}]")),
        "messages[0].content[0].type", "'input_audio' is not supported");
  }

  @Test
  void textPartWithoutText_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]")),
        "messages[0].content[0].text", "is required");
  }

  @Test
  void imageInSystemMessage_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"https://x.org/a.png\"}}]}]")),
        "messages[0].content[0].type", "only user messages may carry images");
  }

  @Test
  void imageUrlWithBadScheme_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"file:///etc/passwd\"}}]}]")),
        "messages[0].content[0].image_url.url", "must be an http(s) URL or a data: URI");
  }

  @Test
  void dataUriNotBase64_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"data:image/png,rawbytes\"}}]}]")),
        "messages[0].content[0].image_url.url", "not base64");
  }

  @Test
  void dataUriOfUnsupportedMediaType_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"data:image/tiff;base64,AAAA\"}}]}]")),
        "messages[0].content[0].image_url.url", "unsupported image media type 'image/tiff'");
  }

  @Test
  void badImageDetail_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"https://x.org/a.png\",\"detail\":\"ultra\"}}]}]")),
        "messages[0].content[0].image_url.detail", "must be one of auto, low, high");
  }

  @Test
  void toolMessageWithoutCallId_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"tool\",\"content\":\"x\"}]")),
        "messages[0].tool_call_id", "is required");
  }

  @Test
  void assistantWithNeitherContentNorToolCalls_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"assistant\"}]")), "messages[0].content",
        "without 'content' or 'tool_calls'");
  }

  @Test
  void toolCallWithoutFunctionName_isRefused() {
    invalid(() -> decode(withMessages("[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\","
            + "\"type\":\"function\",\"function\":{\"arguments\":\"{}\"}}]}]")),
        "messages[0].tool_calls[0].function.name", "is required");
  }

  @Test
  void toolWithBadName_isRefused() {
    invalid(() -> decode(withParam("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
            + "\"get weather!\"}}]")),
        "tools[0].function.name", "1 to 64 characters");
  }

  @Test
  void toolOfUnsupportedType_isRefused() {
    invalid(() -> decode(withParam("\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]")),
        "tools[0].type", "only 'function' tools are");
  }

  @Test
  void toolDefinedTwice_isRefused() {
    String tool = "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}";
    invalid(() -> decode(withParam("\"tools\":[" + tool + "," + tool + "]")),
        "tools[1].function.name", "defined twice");
  }

  @Test
  void toolChoiceNamingUnknownTool_isRefused() {
    invalid(() -> decode(withParam("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
            + "\"f\"}}],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}}")),
        "tool_choice", "names the tool 'g', which is not in 'tools'");
  }

  @Test
  void toolChoiceRequiredWithoutTools_isRefused() {
    invalid(() -> decode(withParam("\"tool_choice\":\"required\"")), "tool_choice",
        "no 'tools' are defined");
  }

  @Test
  void unknownToolChoiceMode_isRefused() {
    invalid(() -> decode(withParam("\"tool_choice\":\"always\"")), "tool_choice",
        "must be auto, none, required");
  }

  @Test
  void unknownResponseFormat_isRefused() {
    invalid(() -> decode(withParam("\"response_format\":{\"type\":\"yaml\"}")),
        "response_format.type", "must be text, json_object or json_schema; got 'yaml'");
  }

  @Test
  void jsonSchemaWithoutName_isRefused() {
    invalid(() -> decode(withParam("\"response_format\":{\"type\":\"json_schema\","
            + "\"json_schema\":{\"schema\":{}}}")),
        "response_format.json_schema.name", "is required");
  }

  // ---- values out of range ----------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"n\":0                        | n                     | at least 1, got 0",
      "\"n\":1.5                      | n                     | must be an integer, got a number",
      "\"max_tokens\":-5              | max_tokens            | at least 1, got -5",
      "\"max_completion_tokens\":0    | max_completion_tokens | at least 1, got 0",
      "\"max_tokens\":\"100\"         | max_tokens            | must be an integer, got a string",
      "\"temperature\":2.5            | temperature           | between 0 and 2, got 2.5",
      "\"temperature\":-0.1           | temperature           | between 0 and 2, got -0.1",
      "\"temperature\":\"hot\"        | temperature           | must be a number, got a string",
      "\"top_p\":1.01                 | top_p                 | between 0 and 1, got 1.01",
      "\"seed\":1.5                   | seed                  | must be a 64-bit integer, got 1.5",
      "\"stream\":\"yes\"             | stream                | must be a boolean, got a string",
      "\"stop\":5                     | stop                  | a string or an array of strings",
      "\"stop\":[\"a\",3]             | stop[1]               | must be a string, got a number",
      "\"user\":7                     | user                  | must be a string, got a number",
      "\"stream_options\":[]          | stream_options        | must be an object, got an array",
      "\"max_tokens\":10,\"max_completion_tokens\":20 | max_tokens | disagree"})
  void outOfRangeOrMistypedParameter_isNamedWithItsRule(
      String param, String expectedParam, String fragment) {
    invalid(() -> decode(withParam(param)), expectedParam, fragment);
  }

  // ---- parameters that cannot be honoured -------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"logprobs\":true                                  | logprobs",
      "\"top_logprobs\":5                                 | top_logprobs",
      "\"functions\":[{\"name\":\"f\"}]                   | functions",
      "\"function_call\":\"auto\"                         | function_call",
      "\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"} | audio",
      "\"modalities\":[\"text\",\"audio\"]                | modalities",
      "\"logit_bias\":{\"50256\":-100}                    | logit_bias",
      "\"frequency_penalty\":0.5                          | frequency_penalty",
      "\"presence_penalty\":-1                            | presence_penalty",
      "\"web_search_options\":{}                          | web_search_options"})
  void semanticParameterWeCannotHonour_isRefusedNotDropped(String param, String name) {
    invalid(() -> decode(withParam(param)), name, "'" + name + "' is not supported by this gateway");
  }

  @Test
  void reasoningEffort_isKept_andAnUnknownLevelRefused() {
    assertThat(decode(withParam("\"reasoning_effort\":\"high\"")).sampling().reasoning())
        .contains(new Reasoning.Effort("high"));
    assertThat(decode(withParam("\"reasoning_effort\":\"none\"")).sampling().reasoning())
        .contains(new Reasoning.Effort("none"));
    invalid(() -> decode(withParam("\"reasoning_effort\":\"max\"")), "reasoning_effort",
        "must be one of none, minimal, low, medium, high, xhigh; got 'max'");
  }

  @Test
  void parallelToolCallsFalse_isKept() {
    assertThat(decode(withParam("\"parallel_tool_calls\":false")).parallelToolCalls()).isFalse();
    assertThat(decode(withParam("\"parallel_tool_calls\":true")).parallelToolCalls()).isTrue();
  }

  @Test
  void defaultValuesOfUnsupportedParameters_areAccepted() {
    ChatRequest request = decode(withParam("\"logprobs\":false,\"modalities\":[\"text\"],"
        + "\"logit_bias\":{},\"frequency_penalty\":0,\"presence_penalty\":0.0,"
        + "\"parallel_tool_calls\":true,\"top_logprobs\":0"));
    assertThat(request.messages()).hasSize(1);
  }

  @Test
  void unknownExtraFields_areIgnored() {
    ChatRequest request = decode(withParam("\"store\":true,\"metadata\":{\"a\":\"b\"},"
        + "\"prompt_cache_key\":\"k\",\"x_vendor_option\":[1,2,3]"));
    assertThat(request.model()).isEqualTo("auto");
  }
}
