package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PriceBookTest {
  private static final PriceBook BUNDLED = PriceBook.bundled();

  @Test
  void openAiCachedPrompt_billsCachedTokensOnceAtCachedPrice() {
    ModelPrice gpt4o = ModelPrice.perMillion(usd("2.50"), usd("10.00"), usd("1.25"), usd("2.50"));
    Usage usage = new Usage(2_006, 300, 1_920, 0, 0, UsageSource.UPSTREAM);

    assertThat(gpt4o.cost(usage)).isEqualTo(usd("0.005615"));
  }

  @Test
  void anthropicCacheWrite_billsWriteTokensAtCacheWritePrice() {
    ModelPrice sonnet = ModelPrice.perMillion(usd("3"), usd("15"), usd("0.30"), usd("3.75"));
    // Usage counts cache writes inside input tokens: 3 uncached + 12,304 written.
    Usage usage = new Usage(3 + 12_304, 550, 0, 12_304, 0, UsageSource.UPSTREAM);

    assertThat(sonnet.cost(usage)).isEqualTo(usd("0.054399"));
  }

  @Test
  void bundledBook_pricesBothCorrectnessCasesExactly() {
    Usage openAi = new Usage(2_006, 300, 1_920, 0, 0, UsageSource.UPSTREAM);
    Usage anthropic = new Usage(12_307, 550, 0, 12_304, 0, UsageSource.UPSTREAM);

    assertThat(BUNDLED.cost("gpt-4o", openAi)).isEqualByComparingTo("0.005615");
    assertThat(BUNDLED.cost("claude-sonnet-4-5", anthropic)).isEqualByComparingTo("0.054399");
  }

  @Test
  void reasoningTokens_areOutputTokensAtTheirOwnPriceWhenListed() {
    ModelPrice price = ModelPrice.perMillion(usd("1"), usd("10")).withReasoning(usd("20"));
    Usage usage = new Usage(1_000_000, 1_000_000, 0, 0, 400_000, UsageSource.UPSTREAM);

    // 1 input + 0.6 M plain output at 10 + 0.4 M reasoning at 20
    assertThat(price.cost(usage)).isEqualByComparingTo("15");
    assertThat(ModelPrice.perMillion(usd("1"), usd("10")).cost(usage)).isEqualByComparingTo("11");
  }

  @Test
  void selfHosted_pricesTokensFromGpuHourAndThroughput() {
    // $3.60 per GPU-hour at 1,000 tokens/s: 3.6M tokens per hour, so $1 per million.
    ModelPrice local = ModelPrice.selfHosted(usd("3.60"), usd("1000"));

    assertThat(local.usdPerMillionInput()).isEqualByComparingTo("1");
    assertThat(local.usdPerMillionOutput()).isEqualByComparingTo("1");
    assertThat(local.cost(Usage.counted(1_500, 500))).isEqualByComparingTo("0.002");
  }

  @Test
  void selfHosted_isNeverFreeAndRoundsRepeatingQuotients() {
    ModelPrice local = ModelPrice.selfHosted(usd("2.00"), usd("700"));

    // 2 x 10^6 / (700 x 3600) = 0.793650793650...
    assertThat(local.usdPerMillionOutput()).isEqualByComparingTo("0.793650793651");
    assertThat(local.cost(Usage.counted(0, 1)).signum()).isPositive();
  }

  @Test
  void selfHosted_refusesZeroThroughput() {
    assertThatThrownBy(() -> ModelPrice.selfHosted(usd("2"), BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bundledBook_hasDatedSourcedPricesForProvidersAndSimulator() {
    assertThat(BUNDLED.asOf()).isAfterOrEqualTo(LocalDate.of(2026, 1, 1));
    for (String model : new String[] {
        "gpt-5.4", "gpt-4o-mini", "claude-sonnet-4-5", "claude-haiku-4-5", "gemini-2.5-pro",
        "sim-frontier", "sim-small"}) {
      PriceBook.PricedModel entry = BUNDLED.entry(model).orElseThrow();
      assertThat(entry.source()).as(model).isNotBlank();
      assertThat(entry.asOf()).as(model).isNotNull();
    }
    assertThat(BUNDLED.price("sim-frontier").orElseThrow())
        .isEqualTo(BUNDLED.price("gpt-4-1106-preview").orElseThrow());
    assertThat(BUNDLED.price("claude-sonnet-4-5").orElseThrow().usdPerMillionCacheWrite())
        .isEqualByComparingTo("3.75");
  }

  @Test
  void lookup_findsDatedSnapshotsAndProviderPrefixedNames() {
    ModelPrice sonnet = BUNDLED.price("claude-sonnet-4-5").orElseThrow();

    assertThat(BUNDLED.price("claude-sonnet-4-5-20250929")).contains(sonnet);
    assertThat(BUNDLED.price("anthropic/claude-sonnet-4-5")).contains(sonnet);
    assertThat(BUNDLED.price("gpt-4o-2024-08-06")).isEqualTo(BUNDLED.price("gpt-4o"));
    assertThat(BUNDLED.price("no-such-model")).isEmpty();
  }

  @Test
  void overrides_replaceOneModelAndAddNewOnes() {
    ModelPrice cheap = ModelPrice.perMillion(usd("0.01"), usd("0.02"));
    PriceBook book = BUNDLED.withOverrides(Map.of("gpt-4o", cheap, "my-local", cheap));

    assertThat(book.price("gpt-4o")).contains(cheap);
    assertThat(book.price("my-local")).contains(cheap);
    assertThat(book.entry("my-local").orElseThrow().source()).isEqualTo("config");
    assertThat(book.price("gpt-4o-mini")).isEqualTo(BUNDLED.price("gpt-4o-mini"));
    assertThat(BUNDLED.price("my-local")).isEmpty();
  }

  @Test
  void unknownModel_costFailsNamingTheModel() {
    assertThatThrownBy(() -> BUNDLED.cost("mystery", Usage.counted(1, 1)))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("'mystery'");
  }

  @Test
  void read_rejectsAnEntryWithoutSource() {
    String json =
        """
        {"as_of": "2026-12-01", "models": {"m": {"input": 1, "output": 2, "as_of": "2026-12-01"}}}
        """;
    assertThatThrownBy(() -> PriceBook.read(bytes(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
  }

  @Test
  void read_acceptsSelfHostedEntriesAndDefaultsCachePricesToInput() throws Exception {
    String json =
        """
        {"as_of": "2026-12-01", "models": {
          "local": {"self_hosted": {"gpu_usd_per_hour": 7.2, "tokens_per_second": 2000},
                    "source": "our cluster", "as_of": "2026-12-01"},
          "plain": {"input": 1.5, "output": 2, "source": "s", "as_of": "2026-12-01"}}}
        """;
    PriceBook book = PriceBook.read(bytes(json));

    assertThat(book.price("local").orElseThrow().usdPerMillionInput()).isEqualByComparingTo("1");
    ModelPrice plain = book.price("plain").orElseThrow();
    assertThat(plain.usdPerMillionCachedInput()).isEqualByComparingTo("1.5");
    assertThat(plain.usdPerMillionCacheWrite()).isEqualByComparingTo("1.5");
  }

  private static ByteArrayInputStream bytes(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }
}
