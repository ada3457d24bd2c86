package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official SDKs as the other side of the wire: requests they build are decoded, and the
 * upstream requests this package encodes are accepted by their (strict) request models.
 */
class SdkInteropTest {

  @Test
  void requestBuiltByTheOpenAiSdk_decodes() throws Exception {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addSystemMessage("Be brief.")
        .addUserMessage("Name three rivers in Switzerland.")
        .maxCompletionTokens(200)
        .temperature(0.2)
        .user("user-77")
        .build();
    byte[] body = com.openai.core.ObjectMappers.jsonMapper().writeValueAsBytes(params._body());

    ChatRequest request = OpenAiCodec.decodeRequest(body);

    assertThat(request.model()).isEqualTo("gpt-4o-mini");
    assertThat(request.messages()).containsExactly(Message.text(Role.SYSTEM, "Be brief."),
        Message.text(Role.USER, "Name three rivers in Switzerland."));
    assertThat(request.sampling().maxTokens()).hasValue(200);
    assertThat(request.sampling().temperature()).hasValue(0.2);
    assertThat(request.sampling().user()).hasValue("user-77");
  }

  @Test
  void requestBuiltByTheAnthropicSdk_decodes() throws Exception {
    MessageCreateParams params = MessageCreateParams.builder()
        .model("claude-haiku-4-5")
        .maxTokens(300)
        .system("Be brief.")
        .addUserMessage("Name a river.")
        .addAssistantMessage("The Rhine.")
        .addUserMessage("Another one?")
        .metadata(Metadata.builder().userId("user-77").build())
        .build();
    byte[] body = com.anthropic.core.ObjectMappers.jsonMapper().writeValueAsBytes(params._body());

    ChatRequest request = AnthropicCodec.decodeRequest(body);

    assertThat(request.messages()).containsExactly(Message.text(Role.SYSTEM, "Be brief."),
        Message.text(Role.USER, "Name a river."), Message.assistant("The Rhine.", List.of()),
        Message.text(Role.USER, "Another one?"));
    assertThat(request.sampling().maxTokens()).hasValue(300);
    assertThat(request.sampling().user()).hasValue("user-77");
  }

  @Test
  void encodedOpenAiRequest_isAValidRequestForTheOpenAiSdk() throws Exception {
    ChatRequest request = AnthropicCodec.decodeRequest(Fixtures.bytes("anthropic-request.json"))
        .withModel("gpt-4o");
    String json = OpenAiCodec.encodeRequest(request).toString();

    ChatCompletionCreateParams.Body body = com.openai.core.ObjectMappers.jsonMapper()
        .readValue(json, ChatCompletionCreateParams.Body.class);

    body.validate();
    assertThat(body.messages()).hasSize(request.messages().size());
    assertThat(body.tools().orElseThrow()).hasSize(1);
  }

  @Test
  void encodedAnthropicRequest_isAValidRequestForTheAnthropicSdk() throws Exception {
    ChatRequest request = OpenAiCodec.decodeRequest(Fixtures.bytes("openai-request.json"))
        .withModel("claude-sonnet-4-5");
    String json = AnthropicCodec.encodeRequest(request, 1024).toString();

    MessageCreateParams.Body body = com.anthropic.core.ObjectMappers.jsonMapper()
        .readValue(json, MessageCreateParams.Body.class);

    body.validate();
    assertThat(body.messages()).hasSize(3);
    assertThat(body.messages().get(2).content().asContentBlockParams()).hasSize(3);
    assertThat(body.messages().get(2).content().asContentBlockParams().get(1).isToolResult())
        .isTrue();
  }
}
