package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.GatewayError;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void trailingTokens_areRefused() {
    assertThatThrownBy(() -> Json.MAPPER.readTree("{\"a\":1} {\"b\":2}"))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void decimals_keepTheirExactText() throws Exception {
    String text = "{\"minimum\":0.10,\"big\":12345678901234567890.5,\"i\":3}";
    JsonNode node = Json.MAPPER.readTree(text);
    assertThat(node.toString()).isEqualTo(text);
  }

  @Test
  void twentyMegabyteInlineImage_isAccepted() {
    String base64 = "A".repeat(27 * 1024 * 1024);
    String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + base64 + "\"}}]}]}";
    ChatRequest request = OpenAiCodec.decodeRequest(Fixtures.utf8(body));
    ContentPart.Image image = (ContentPart.Image) request.messages().getFirst().content().getFirst();
    assertThat(image.base64Data()).hasSize(base64.length());
  }

  @Test
  void absurdNesting_isRefusedWithAUsefulMessage() {
    String body = "{\"model\":" + "[".repeat(500) + "]".repeat(500) + "}";
    GatewayError error = Fixtures.failure(() -> OpenAiCodec.decodeRequest(Fixtures.utf8(body)));
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.message()).contains("exceeds a size limit").contains("nesting up to 200");
  }
}
