package dev.gearbox.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stored answer reads back as the answer that was stored. */
class AnswerJsonTest {
  @Test
  void anAnswerWithReasoning_readsBackWithItsSignedThinking() {
    ChatResponse answer = new ChatResponse("msg_1", "m", 1_750_000_000L,
        List.of(new Choice(0, Message.answer(List.of(
                new ContentPart.Thinking("Six sevens.", "sig-1"),
                new ContentPart.RedactedThinking("enc-2")),
            "42", List.of(new ToolCall("call_1", "note", "{}"))),
            FinishReason.TOOL_CALLS, Optional.empty())),
        new Usage(10, 90, 0, 0, 60, UsageSource.UPSTREAM));

    assertThat(AnswerJson.read(AnswerJson.write(answer))).isEqualTo(answer);
  }
}
