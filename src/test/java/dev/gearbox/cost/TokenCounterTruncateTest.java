package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCounterTruncateTest {
  private final TokenCounter tokens = TokenCounter.cl100k();

  @Test
  void textThatFits_isReturnedWhole() {
    assertThat(tokens.truncate("Hello world.", 10)).isEqualTo("Hello world.");
  }

  @Test
  void longText_isCutToAPrefixOfAtMostThatManyTokens() {
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(20);

    String cut = tokens.truncate(text, 15);

    assertThat(text).startsWith(cut);
    assertThat(tokens.count(cut)).isEqualTo(15);
  }

  @Test
  void cutInsideAMultiByteCharacter_backsOffToAWholeCharacter() {
    String text = "🙂🙂🙂🙂 ok";

    for (int max = 0; max <= tokens.count(text); max++) {
      String cut = tokens.truncate(text, max);
      assertThat(text).startsWith(cut);
      assertThat(cut).doesNotContain("\uFFFD");
      assertThat(tokens.count(cut)).isLessThanOrEqualTo(max);
    }
  }

  @Test
  void negativeLimit_isRefused() {
    assertThatThrownBy(() -> tokens.truncate("x", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
