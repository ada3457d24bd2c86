package dev.gearbox.report;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartValuesTest {

  @Test
  void barSeriesWithTooFewValues_isRefusedNamingTheSeries() {
    assertThatThrownBy(() -> new BarChart("b", "t", "c", "x", "y", List.of("a", "b"),
        List.of(BarSeries.of("short", List.of(1.0))), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("short");
  }

  @Test
  void chartIdsThatCannotNameAFile_areRefused() {
    assertThatThrownBy(() -> Charts.curve("../up"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Charts.curve("Spaces here"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pointsThatAreNotFinite_areRefused() {
    assertThatThrownBy(() -> new Point(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BarSeries.of("s", List.of(Double.POSITIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
