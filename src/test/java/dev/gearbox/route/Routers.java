package dev.gearbox.route;

import java.util.Arrays;
import java.util.Optional;

/**
 * Router models with known behaviour, for tests: the score depends only on the prompt's length
 * (short prompts score high, long ones low), so a test can place a request on either side of
 * the threshold or inside the band by the length of its text.
 */
final class Routers {
  private Routers() {}

  /** score = sigmoid(-2 * (ln(1 + chars) - ln(1 + pivotChars))): 0.5 at the pivot length. */
  static RouterModel byLength(int pivotChars, double[] calibrationScores) {
    int lengthColumn = PromptFeatures.TERMS.termBuckets();
    int d = lengthColumn + PromptTraits.NAMES.size();
    double[] weights = new double[d];
    double[] means = new double[d];
    double[] scales = new double[d];
    Arrays.fill(scales, 1);
    weights[lengthColumn] = -2;
    means[lengthColumn] = Math.log1p(pivotChars);
    LogisticModel model = new LogisticModel(weights, 0, means, scales);
    double[] small = new double[calibrationScores.length];
    double[] frontier = new double[calibrationScores.length];
    Arrays.fill(frontier, 1);
    for (int i = 0; i < small.length; i++) {
      small[i] = calibrationScores[i] >= 0.5 ? 1 : 0;
    }
    return new RouterModel("hashing-test", PromptFeatures.TERMS, "test: by length", model,
        new Calibration(calibrationScores, small, frontier), Optional.empty(), Optional.empty());
  }
}
