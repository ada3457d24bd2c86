package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00.123456789Z");

  @Test
  void defaults_areAnUnroutedBypassWithNoUsageAndNoCost() {
    LedgerEntry entry = LedgerEntry.builder("r", T0, "auto").build();

    assertThat(entry.cacheStatus()).isEqualTo(CacheStatus.BYPASS);
    assertThat(entry.costUsd()).isZero();
    assertThat(entry.tier()).isEmpty();
    assertThat(entry.httpStatus()).isEqualTo(200);
  }

  @Test
  void timeAndMoney_areKeptAtTheLedgersPrecision() {
    LedgerEntry entry = LedgerEntry.builder("r", T0, "auto")
        .cost(new BigDecimal("0.0000000000004"), new BigDecimal("0.1234567890126"))
        .build();

    assertThat(entry.time()).isEqualTo(Instant.parse("2026-12-03T10:00:00.123Z"));
    assertThat(entry.costUsd()).isEqualByComparingTo("0");
    assertThat(entry.counterfactualUsd()).isEqualByComparingTo("0.123456789013");
  }

  @Test
  void negativeCost_isRejected() {
    assertThatThrownBy(() -> LedgerEntry.builder("r", T0, "auto")
        .cost(new BigDecimal("-0.01"), BigDecimal.ONE).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonHttpStatus_isRejected() {
    assertThatThrownBy(() -> LedgerEntry.builder("r", T0, "auto").httpStatus(42).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("42");
  }

  @Test
  void savedPercent_isAbsentWithoutCounterfactual() {
    UsageLine line = new UsageLine("x", 1, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

    assertThat(line.savedPercent()).isEmpty();
    assertThat(UsageRendering.json(new UsageSummary(UsageWindow.ALL_TIME, line,
        Map.of())).at("/total/saved_percent").isNull()).isTrue();
  }

  @Test
  void savedPercent_isNegativeWhenARequestCostMoreThanTheBaseline() {
    UsageLine escalated =
        new UsageLine("x", 1, 0, 0, new BigDecimal("0.011"), new BigDecimal("0.010"));

    assertThat(escalated.savedPercent()).contains(new BigDecimal("-10.0"));
  }
}
