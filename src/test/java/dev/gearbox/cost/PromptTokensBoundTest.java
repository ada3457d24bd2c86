package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.compress.AgentTraces;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTokensBoundTest {
  private static final List<TokenCounter> ENCODINGS =
      List.of(TokenCounter.cl100k(), TokenCounter.o200k());

  private static ChatRequest ask(String text) {
    return ChatRequest.of("m", List.of(Message.text(Role.SYSTEM, "Be brief."),
        Message.text(Role.USER, text)));
  }

  @Test
  void bound_isNeverBelowTheCount_forTextInAnyScript() {
    for (String text : List.of("", "hello", "Größe café naïve", "日本語のテキストです。",
        "emoji 😀🎉 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "x".repeat(5000), "1234567890 ".repeat(300))) {
      long bound = TokenCounter.promptTokensAtMost(ask(text));
      for (TokenCounter encoding : ENCODINGS) {
        assertThat(bound).as(encoding.encodingName() + ": " + text.substring(0,
            Math.min(20, text.length()))).isGreaterThanOrEqualTo(encoding.countPrompt(ask(text)));
      }
    }
  }

  @Test
  void bound_isNeverBelowTheCount_forRealAgentCallsWithToolsAndToolCalls() {
    AgentTraces.bundled().trajectories().stream().limit(20)
        .flatMap(run -> run.calls().stream())
        .forEach(call -> {
          long bound = TokenCounter.promptTokensAtMost(call);
          for (TokenCounter encoding : ENCODINGS) {
            assertThat(bound).isGreaterThanOrEqualTo(encoding.countPrompt(call));
          }
        });
  }

  @Test
  void bound_isTheByteCountPlusOverhead_soPlainTextIsBoundedTightly() {
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(100);
    long bound = TokenCounter.promptTokensAtMost(ask(text));
    assertThat(bound).isEqualTo(3 + (3 + "Be brief.".length()) + (3 + text.length()));
  }
}
