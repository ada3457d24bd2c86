package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRank_onOneToHundred() {
    List<Long> values = LongStream.rangeClosed(1, 100).boxed().toList().reversed();

    assertThat(Percentiles.of(values, 50)).isEqualTo(50);
    assertThat(Percentiles.of(values, 99)).isEqualTo(99);
    assertThat(Percentiles.of(values, 100)).isEqualTo(100);
  }

  @Test
  void smallSample_p99IsItsLargest() {
    assertThat(Percentiles.of(List.of(3L, 1L, 2L), 99)).isEqualTo(3);
    assertThat(Percentiles.of(List.of(), 50)).isZero();
  }
}
