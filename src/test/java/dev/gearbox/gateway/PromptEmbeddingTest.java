package dev.gearbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.route.HashingEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptEmbeddingTest {
  private static final ChatRequest CONVERSATION = ChatRequest.of("auto", List.of(
      Message.text(Role.SYSTEM, "You are terse."),
      Message.text(Role.USER, "What is a context window?"),
      Message.text(Role.ASSISTANT, "The tokens a model reads at once."),
      Message.text(Role.USER, "How large is yours?")));

  @Test
  void embedsTheLastUserMessage_once_andOnlyWhenAsked() {
    HashingEmbedder embedder = new HashingEmbedder();
    PromptEmbedding prompt = PromptEmbedding.of(CONVERSATION, () -> embedder);
    assertThat(prompt.text()).contains("How large is yours?");
    assertThat(prompt.computed()).isFalse();
    assertThat(embedder.calls()).isZero();
    float[] first = prompt.vector();
    float[] second = prompt.vector();
    assertThat(second).isSameAs(first);
    assertThat(embedder.calls()).isEqualTo(1);
    assertThat(prompt.computed()).isTrue();
  }
}
