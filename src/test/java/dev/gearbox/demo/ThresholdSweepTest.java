package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gearbox.report.Point;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdSweepTest {
  /** Small costs 1, frontier 10 per request; quality 0/1. */
  private static CurveItem item(double score, double small, double frontier) {
    return new CurveItem(score, small, frontier, BigDecimal.ONE, BigDecimal.TEN);
  }

  private final ThresholdSweep sweep = new ThresholdSweep(List.of(
      item(0.9, 1, 1), item(0.2, 0, 1), item(0.6, 1, 1), item(0.4, 0, 1)));

  @Test
  void curve_walksFromAllSmallToAllFrontierHardestFirst() {
    List<Point> curve = sweep.curve();

    assertThat(curve).hasSize(5);
    assertThat(curve.getFirst()).isEqualTo(new Point(4, 50));
    assertThat(curve.get(1)).isEqualTo(new Point(13, 75));
    assertThat(curve.get(2)).isEqualTo(new Point(22, 100));
    assertThat(curve.getLast()).isEqualTo(new Point(40, 100));
  }

  @Test
  void threshold_sendsRequestsScoredBelowItToTheFrontier() {
    assertThat(sweep.at(0.5)).isEqualTo(new Point(22, 100));
    assertThat(sweep.at(0.0)).isEqualTo(new Point(4, 50));
    assertThat(sweep.at(1.0)).isEqualTo(new Point(40, 100));
  }

  @Test
  void equalScores_moveTogether() {
    ThresholdSweep ties = new ThresholdSweep(List.of(item(0.5, 0, 1), item(0.5, 1, 1)));

    assertThat(ties.curve()).containsExactly(new Point(2, 50), new Point(20, 100));
  }

  @Test
  void randomLine_joinsTheTwoEnds() {
    assertThat(sweep.randomLine()).containsExactly(new Point(4, 50), new Point(40, 100));
    assertThat(sweep.at(0.3).y()).isCloseTo(75, within(1e-9));
  }
}
