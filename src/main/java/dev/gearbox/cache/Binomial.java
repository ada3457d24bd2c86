package dev.gearbox.cache;

/**
 * Exact (Clopper-Pearson) confidence bounds for a binomial proportion, by bisection on the
 * binomial distribution function: no statistics library needed for one formula.
 */
final class Binomial {
  private static final int BISECTIONS = 60;

  private Binomial() {}

  /**
   * The least p with P(X <= k | n, p) <= alpha: a one-sided (1 - alpha) upper bound on the rate
   * of which k of n trials were observed. 1 when n is 0.
   */
  static double upperBound(int k, int n, double alpha) {
    if (n == 0 || k >= n) {
      return 1;
    }
    double low = (double) k / n;
    double high = 1;
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = (low + high) / 2;
      if (cdf(k, n, mid) > alpha) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return high;
  }

  /** P(X <= k) for X ~ Binomial(n, p), summed in log space to stay finite for large n. */
  static double cdf(int k, int n, double p) {
    if (p <= 0) {
      return 1;
    }
    if (p >= 1) {
      return k >= n ? 1 : 0;
    }
    double logP = Math.log(p);
    double logQ = Math.log1p(-p);
    double logChoose = 0;
    double sum = 0;
    for (int i = 0; i <= k; i++) {
      if (i > 0) {
        logChoose += Math.log(n - i + 1) - Math.log(i);
      }
      sum += Math.exp(logChoose + i * logP + (n - i) * logQ);
    }
    return Math.min(1, sum);
  }
}
