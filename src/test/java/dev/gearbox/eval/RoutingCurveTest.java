package dev.gearbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RoutingCurveTest {
  // Four requests: the frontier fixes request 0 and 1, request 3 is right on both.
  private static final Outcomes OUTCOMES = new Outcomes(
      new double[] {0, 0, 1, 1},
      new double[] {1, 1, 1, 1},
      new double[] {1, 1, 1, 1},
      new double[] {10, 10, 10, 10});

  @Test
  void constantScore_isExactlyTheRandomLine() {
    RoutingCurve curve = RoutingCurve.of(new double[4], OUTCOMES, RoutingCurve.Mode.ROUTE);
    assertThat(curve.apgr()).isCloseTo(0.5, offset(1e-12));
    assertThat(curve.firstRecovering(0.8).orElseThrow().frontierShare())
        .isCloseTo(0.8, offset(1e-12));
  }

  @Test
  void perfectOrder_recoversTheGapWithHalfTheCalls() {
    RoutingCurve curve = RoutingCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, OUTCOMES,
        RoutingCurve.Mode.ROUTE);
    // PGR rises 0 -> 0.5 -> 1 over the first half and stays at 1: area 0.25 + 0.5.
    assertThat(curve.apgr()).isCloseTo(0.75, offset(1e-12));
    RoutingCurve.Point full = curve.firstRecovering(1.0).orElseThrow();
    assertThat(full.frontierShare()).isEqualTo(0.5);
    // Cost at that point: two small calls (1 each) and two frontier calls (10 each) of 40.
    assertThat(full.costShare()).isCloseTo(22.0 / 40, offset(1e-12));
  }

  @Test
  void worstOrder_isBelowRandom() {
    RoutingCurve curve = RoutingCurve.of(new double[] {0.9, 0.8, 0.2, 0.1}, OUTCOMES,
        RoutingCurve.Mode.ROUTE);
    assertThat(curve.apgr()).isCloseTo(0.25, offset(1e-12));
  }

  @Test
  void tiedScores_countAsTheirExpectedOrder() {
    RoutingCurve tied = RoutingCurve.of(new double[] {0.1, 0.5, 0.5, 0.9}, OUTCOMES,
        RoutingCurve.Mode.ROUTE);
    RoutingCurve first = RoutingCurve.of(new double[] {0.1, 0.4, 0.6, 0.9}, OUTCOMES,
        RoutingCurve.Mode.ROUTE);
    RoutingCurve second = RoutingCurve.of(new double[] {0.1, 0.6, 0.4, 0.9}, OUTCOMES,
        RoutingCurve.Mode.ROUTE);
    assertThat(tied.apgr()).isCloseTo((first.apgr() + second.apgr()) / 2, offset(1e-12));
  }

  @Test
  void cascade_paysForEverySmallCall() {
    RoutingCurve route = RoutingCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, OUTCOMES,
        RoutingCurve.Mode.ROUTE);
    RoutingCurve cascade = RoutingCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, OUTCOMES,
        RoutingCurve.Mode.CASCADE);
    assertThat(cascade.apgr()).isCloseTo(route.apgr(), offset(1e-12));
    assertThat(cascade.firstRecovering(1.0).orElseThrow().costShare())
        .isCloseTo(24.0 / 40, offset(1e-12));
    assertThat(cascade.apgrOnCost()).isLessThan(route.apgrOnCost());
  }

  @Test
  void qualityGoal_isFoundByInterpolation() {
    RoutingCurve curve = RoutingCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, OUTCOMES,
        RoutingCurve.Mode.ROUTE);
    // Quality goes 0.5 -> 0.75 -> 1.0; 95% of 1.0 is reached 80% of the way to the 2nd call.
    assertThat(curve.firstReaching(0.95).orElseThrow().frontierShare())
        .isCloseTo(0.25 + 0.8 * 0.25, offset(1e-12));
  }
}
