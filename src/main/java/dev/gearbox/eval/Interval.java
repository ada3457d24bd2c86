package dev.gearbox.eval;

/** A two-sided interval, such as a 95% bootstrap confidence interval. */
public record Interval(double low, double high) {
  public Interval {
    if (!(low <= high)) {
      throw new IllegalArgumentException("an interval needs low <= high, got " + low + ", " + high);
    }
  }

  public boolean overlaps(Interval other) {
    return low <= other.high && other.low <= high;
  }
}
