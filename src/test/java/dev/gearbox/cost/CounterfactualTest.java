package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CounterfactualTest {
  private static final PriceBook PRICES = PriceBook.bundled();
  private static final TokenCounter CL100K = TokenCounter.cl100k();
  private static final TokenCounter O200K = TokenCounter.o200k();
  // Non-Latin text splits very differently under cl100k_base and o200k_base.
  private static final String PROMPT =
      "कृपया इस अनुच्छेद का सारांश तीन वाक्यों में लिखिए और मुख्य विचारों को स्पष्ट कीजिए।";
  private static final String ANSWER = "यह अनुच्छेद जल संरक्षण के महत्व और उपायों के बारे में है।";
  private static final ChatRequest REQUEST =
      ChatRequest.of("auto", List.of(Message.text(Role.USER, PROMPT)));

  private final Counterfactual baseline = new Counterfactual(PRICES, "sim-frontier", CL100K);

  @Test
  void differentTokenizer_recountsPromptAndAnswerOnTheBaselineTokenizer() {
    long servedPrompt = O200K.countPrompt(REQUEST);
    long servedOutput = O200K.count(ANSWER);
    Usage servedUsage = Usage.upstream(servedPrompt, servedOutput);
    ServedCall served = new ServedCall("gpt-4o-mini", "o200k_base", servedUsage,
        Optional.of(ANSWER));

    long baselinePrompt = CL100K.countPrompt(REQUEST);
    long baselineOutput = CL100K.count(ANSWER);
    assertThat(baselinePrompt).isNotEqualTo(servedPrompt);
    // sim-frontier: $10 input, $30 output per million
    BigDecimal expected = BigDecimal.valueOf(baselinePrompt * 10 + baselineOutput * 30)
        .movePointLeft(6);
    assertThat(baseline.costOf(REQUEST, served)).isEqualByComparingTo(expected);
  }

  @Test
  void differentTokenizerWithoutAnswerText_keepsServedOutputCount() {
    Usage servedUsage = Usage.upstream(999, 40);
    ServedCall served = new ServedCall("gpt-4o-mini", "o200k_base", servedUsage, Optional.empty());

    BigDecimal expected = baseline.cost(CL100K.countPrompt(REQUEST), 40);
    assertThat(baseline.costOf(REQUEST, served)).isEqualByComparingTo(expected);
  }

  @Test
  void sameTokenizer_trustsTheUpstreamPromptCount() {
    Usage servedUsage = Usage.upstream(1_000, 100);
    ServedCall served = new ServedCall("sim-small", "cl100k_base", servedUsage,
        Optional.of(ANSWER));

    // 1,000 x $10 + 100 x $30 per million
    assertThat(baseline.costOf(REQUEST, served)).isEqualByComparingTo("0.013");
  }

  @Test
  void servedByTheBaseline_savesNothing() {
    Usage usage = new Usage(2_000, 300, 1_000, 0, 0, UsageSource.UPSTREAM);
    ServedCall served = new ServedCall("sim-frontier", "cl100k_base", usage, Optional.empty());

    BigDecimal actual = PRICES.cost("sim-frontier", usage);
    BigDecimal counterfactual = baseline.costOf(REQUEST, served);
    assertThat(Counterfactual.saved(actual, counterfactual)).isZero();
  }

  @Test
  void cheapTier_savesTheDifference() {
    Usage usage = Usage.upstream(1_000, 100);
    ServedCall served = new ServedCall("sim-small", "cl100k_base", usage, Optional.empty());

    BigDecimal actual = PRICES.cost("sim-small", usage);
    BigDecimal saved = Counterfactual.saved(actual, baseline.costOf(REQUEST, served));
    // 0.013 - 1,100 x $0.60 per million
    assertThat(saved).isEqualByComparingTo("0.01234");
  }

  @Test
  void cacheHit_savesTheWholeCounterfactual() {
    BigDecimal counterfactual = baseline.costOfCacheHit(REQUEST, ANSWER);

    assertThat(counterfactual)
        .isEqualByComparingTo(baseline.cost(CL100K.countPrompt(REQUEST), CL100K.count(ANSWER)));
    assertThat(Counterfactual.saved(BigDecimal.ZERO, counterfactual))
        .isEqualByComparingTo(counterfactual)
        .isPositive();
  }

  @Test
  void unpricedBaseline_isRefusedAtConstruction() {
    assertThatThrownBy(() -> new Counterfactual(PRICES, "nonexistent-frontier", CL100K))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nonexistent-frontier");
  }
}
