package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UsdTextTest {
  @Test
  void plainDecimal_exactToThePicodollar_noExponentNoNeedlessZeros() {
    assertThat(UsdText.plain(new BigDecimal("0E-12"))).isEqualTo("0.00");
    assertThat(UsdText.plain(new BigDecimal("0.000120000000"))).isEqualTo("0.00012");
    assertThat(UsdText.plain(new BigDecimal("-0.000015000000"))).isEqualTo("-0.000015");
    assertThat(UsdText.plain(new BigDecimal("1E+2"))).isEqualTo("100.00");
    assertThat(UsdText.plain(new BigDecimal("12.5"))).isEqualTo("12.50");
    assertThat(UsdText.plain(new BigDecimal("0.0000000000004"))).isEqualTo("0.00");
    assertThat(UsdText.plain(new BigDecimal("3.75E-9"))).isEqualTo("0.00000000375");
  }
}
