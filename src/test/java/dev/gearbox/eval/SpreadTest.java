package dev.gearbox.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void nearestRankPercentiles() {
    List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0);

    Spread spread = Spread.of(values);

    assertThat(spread.mean()).isEqualTo(5.5);
    assertThat(spread.p50()).isEqualTo(5.0);
    assertThat(spread.p95()).isEqualTo(10.0);
  }

  @Test
  void emptySample_isAllZero() {
    assertThat(Spread.of(List.of())).isEqualTo(new Spread(0, 0, 0));
  }
}
