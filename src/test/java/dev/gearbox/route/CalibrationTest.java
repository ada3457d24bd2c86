package dev.gearbox.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalibrationTest {
  // Six requests: the low scores are where the frontier is better.
  private static final Calibration CALIBRATION = new Calibration(
      new double[] {0.1, 0.2, 0.3, 0.6, 0.8, 0.9},
      new double[] {0, 0, 1, 1, 1, 1},
      new double[] {1, 1, 1, 1, 1, 0});

  @Test
  void qualityFloor_picksTheLowestThresholdThatKeepsIt() {
    // All-frontier quality 5/6; all-small 4/6. Sending the two lowest scores to the frontier
    // gives 6/6 >= 0.95 * 5/6; sending one gives 5/6 >= 0.95 * 5/6 already.
    Threshold threshold = CALIBRATION.threshold(new QualityTarget.QualityFloor(0.95));
    assertThat(threshold.value()).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(threshold.frontierShare()).isEqualTo(1.0 / 6);
    assertThat(threshold.qualityRatio()).isEqualTo(1.0);
  }

  @Test
  void shareBetween_countsTheCalibrationScoresInsideTheBand() {
    assertThat(CALIBRATION.shareBetween(0.25, 0.8)).isEqualTo(3.0 / 6);
    assertThat(CALIBRATION.shareBetween(0.95, 1.0)).isZero();
  }

  @Test
  void qualityFloor_alreadyMetBySmall_sendsNothingToTheFrontier() {
    Threshold threshold = CALIBRATION.threshold(new QualityTarget.QualityFloor(0.8));
    assertThat(threshold.value()).isZero();
    assertThat(threshold.frontierShare()).isZero();
  }

  @Test
  void frontierShare_sendsThatShareBelowTheThreshold() {
    Threshold threshold = CALIBRATION.threshold(new QualityTarget.FrontierShare(0.5));
    assertThat(threshold.value()).isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(threshold.frontierShare()).isEqualTo(0.5);
  }

  @Test
  void frontierShareOfOne_putsTheThresholdAboveEveryScore() {
    Threshold threshold = CALIBRATION.threshold(new QualityTarget.FrontierShare(1.0));
    assertThat(threshold.value()).isGreaterThan(0.9);
  }
}
