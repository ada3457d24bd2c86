package dev.gearbox.eval;

import java.util.Objects;

/**
 * Per request of a data set: the quality each tier's answer had and what each call cost (USD).
 * This is all a cost–quality curve needs, so the same code scores a router on a recorded data
 * set and on any routed traffic whose outcomes were recorded (for instance from the simulator's
 * {@code x-sim-outcome} header).
 */
public record Outcomes(double[] smallQuality, double[] frontierQuality, double[] smallCost,
    double[] frontierCost) {

  public Outcomes {
    Objects.requireNonNull(smallQuality, "smallQuality");
    int n = smallQuality.length;
    if (frontierQuality.length != n || smallCost.length != n || frontierCost.length != n) {
      throw new IllegalArgumentException("every array needs one entry per request");
    }
    if (n == 0) {
      throw new IllegalArgumentException("a curve needs at least one request");
    }
  }

  public int size() {
    return smallQuality.length;
  }

  /** The requests at {@code indices} (repeats allowed, as in a bootstrap resample). */
  public Outcomes select(int[] indices) {
    double[] qs = new double[indices.length];
    double[] qf = new double[indices.length];
    double[] cs = new double[indices.length];
    double[] cf = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      qs[i] = smallQuality[indices[i]];
      qf[i] = frontierQuality[indices[i]];
      cs[i] = smallCost[indices[i]];
      cf[i] = frontierCost[indices[i]];
    }
    return new Outcomes(qs, qf, cs, cf);
  }

  public double meanSmallQuality() {
    return mean(smallQuality);
  }

  public double meanFrontierQuality() {
    return mean(frontierQuality);
  }

  public double totalSmallCost() {
    return sum(smallCost);
  }

  public double totalFrontierCost() {
    return sum(frontierCost);
  }

  private static double mean(double[] values) {
    return sum(values) / values.length;
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }
}
