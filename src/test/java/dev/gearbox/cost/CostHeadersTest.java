package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostHeadersTest {

  @Test
  void headerValue_isPlainSixPlaceUsd() {
    assertThat(CostHeaders.usd(new BigDecimal("0.005615"))).isEqualTo("0.005615");
    assertThat(CostHeaders.usd(new BigDecimal("1E-7"))).isEqualTo("0.000000");
    assertThat(CostHeaders.usd(new BigDecimal("12"))).isEqualTo("12.000000");
    assertThat(CostHeaders.usd(new BigDecimal("-0.0000125"))).isEqualTo("-0.000013");
  }

  @Test
  void countedUsage_isMarkedCountedAndMatchesTheTokenizer() {
    TokenCounter counter = TokenCounter.cl100k();
    ChatRequest request =
        ChatRequest.of("auto", List.of(Message.text(Role.USER, "How many tokens is this?")));

    Usage usage = counter.countUsage(request, "Seven or so.");

    assertThat(usage.source()).isEqualTo(UsageSource.COUNTED);
    assertThat(usage.inputTokens()).isEqualTo(counter.countPrompt(request));
    assertThat(usage.outputTokens()).isEqualTo(counter.count("Seven or so."));
  }
}
