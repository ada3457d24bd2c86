package dev.gearbox.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticModelTest {
  @Test
  void learnsANoisyLinearRule() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 600;
    double[][] rows = new double[n][];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian() * 50 + 100;
      rows[i] = new double[] {a, b};
      labels[i] = a + (b - 100) / 50 + random.nextGaussian() * 0.3 > 0 ? 1 : 0;
    }
    LogisticModel model = LogisticModel.train(rows, labels, 1.0, 0);
    int right = 0;
    for (int i = 0; i < n; i++) {
      right += (model.probability(rows[i]) >= 0.5) == (labels[i] == 1) ? 1 : 0;
    }
    assertThat(right).isGreaterThan((int) (0.9 * n));
    assertThat(model.probability(new double[] {3, 250})).isGreaterThan(0.95);
    assertThat(model.probability(new double[] {-3, -50})).isLessThan(0.05);
  }

  @Test
  void columnsBeforeTheStandardisedOnes_keepTheirScale() {
    double[][] rows = {{0.1, 5}, {0.2, 7}, {0.3, 9}, {0.4, 11}};
    LogisticModel model = LogisticModel.train(rows, new double[] {0, 0, 1, 1}, 1.0, 1);
    assertThat(model.means()[0]).isZero();
    assertThat(model.scales()[0]).isEqualTo(1);
    assertThat(model.means()[1]).isEqualTo(8);
  }

  @Test
  void strongPenalty_shrinksTowardsTheBaseRate() {
    double[][] rows = {{0}, {1}, {2}, {3}};
    LogisticModel model = LogisticModel.train(rows, new double[] {0, 1, 1, 1}, 1e6, 0);
    assertThat(model.probability(new double[] {0}))
        .isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.02));
  }
}
