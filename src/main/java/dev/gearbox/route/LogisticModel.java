package dev.gearbox.route;

import java.util.Arrays;
import java.util.Objects;

/**
 * L2-regularised logistic regression on standardised features: the router's classifier and the
 * cascade's answer scorer. Chosen by measurement over kNN on the bundled sets (see README,
 * "Routing"): it scores in microseconds, its file is a few kilobytes, and with the length
 * features beside the embedding it recovers more of the gap on GSM8K and MMLU-Pro.
 *
 * <p>Training is full-batch gradient descent with Nesterov momentum on the mean log loss; the
 * problem is convex, so a few hundred steps on standardised inputs converge to well within the
 * noise of the data. The step shrinks as the penalty per example grows, which keeps the descent
 * stable however strong the penalty. The penalty is on weights only, never on the intercept.
 *
 * @param weights one per feature, for standardised inputs
 * @param means the training mean of each feature
 * @param scales the training standard deviation of each feature (1 where it was constant)
 */
public record LogisticModel(double[] weights, double bias, double[] means, double[] scales) {
  private static final int STEPS = 400;
  private static final double LEARNING_RATE = 0.5;
  private static final double MOMENTUM = 0.9;

  public LogisticModel {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(means, "means");
    Objects.requireNonNull(scales, "scales");
    if (weights.length != means.length || weights.length != scales.length) {
      throw new IllegalArgumentException("weights, means and scales need one entry per feature");
    }
    weights = weights.clone();
    means = means.clone();
    scales = scales.clone();
  }

  public int dimensions() {
    return weights.length;
  }

  /** The probability of the positive label for {@code features}. */
  public double probability(double[] features) {
    if (features.length != weights.length) {
      throw new IllegalArgumentException(
          "expected " + weights.length + " features, got " + features.length);
    }
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * (features[i] - means[i]) / scales[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Fits a model to {@code rows} with labels in [0, 1] (soft labels allowed).
   *
   * @param penalty the L2 penalty as a total: larger means simpler models
   * @param standardiseFrom columns from this index on are standardised; the columns before it
   *     are taken as they are (embedding dimensions, already on one common scale, so that one
   *     penalty treats them alike while the few simple features keep their own scale)
   */
  public static LogisticModel train(
      double[][] rows, double[] labels, double penalty, int standardiseFrom) {
    if (rows.length == 0 || rows.length != labels.length) {
      throw new IllegalArgumentException("need at least one row and one label per row");
    }
    int d = rows[0].length;
    double[] means = new double[d];
    double[] scales = new double[d];
    standardisation(rows, means, scales);
    for (int j = 0; j < Math.min(standardiseFrom, d); j++) {
      means[j] = 0;
      scales[j] = 1;
    }
    double[][] x = standardised(rows, means, scales);
    double[] w = new double[d + 1];
    double[] velocity = new double[d + 1];
    double rate = LEARNING_RATE / (1 + penalty / rows.length);
    for (int step = 0; step < STEPS; step++) {
      double[] ahead = new double[d + 1];
      for (int j = 0; j <= d; j++) {
        ahead[j] = w[j] + MOMENTUM * velocity[j];
      }
      double[] gradient = gradient(x, labels, ahead, penalty);
      for (int j = 0; j <= d; j++) {
        double stepSize = j == d ? LEARNING_RATE : rate;
        velocity[j] = MOMENTUM * velocity[j] - stepSize * gradient[j];
        w[j] += velocity[j];
      }
    }
    return new LogisticModel(Arrays.copyOf(w, d), w[d], means, scales);
  }

  private static double[] gradient(double[][] x, double[] y, double[] w, double penalty) {
    int n = x.length;
    int d = w.length - 1;
    double[] g = new double[d + 1];
    for (int i = 0; i < n; i++) {
      double z = w[d];
      double[] row = x[i];
      for (int j = 0; j < d; j++) {
        z += w[j] * row[j];
      }
      double error = 1 / (1 + Math.exp(-z)) - y[i];
      for (int j = 0; j < d; j++) {
        g[j] += error * row[j];
      }
      g[d] += error;
    }
    for (int j = 0; j < d; j++) {
      g[j] = (g[j] + penalty * w[j]) / n;
    }
    g[d] /= n;
    return g;
  }

  private static void standardisation(double[][] rows, double[] means, double[] scales) {
    int n = rows.length;
    for (double[] row : rows) {
      for (int j = 0; j < means.length; j++) {
        means[j] += row[j] / n;
      }
    }
    for (double[] row : rows) {
      for (int j = 0; j < means.length; j++) {
        double dev = row[j] - means[j];
        scales[j] += dev * dev / n;
      }
    }
    for (int j = 0; j < scales.length; j++) {
      scales[j] = scales[j] > 1e-12 ? Math.sqrt(scales[j]) : 1;
    }
  }

  private static double[][] standardised(double[][] rows, double[] means, double[] scales) {
    double[][] x = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      x[i] = new double[means.length];
      for (int j = 0; j < means.length; j++) {
        x[i][j] = (rows[i][j] - means[j]) / scales[j];
      }
    }
    return x;
  }
}
