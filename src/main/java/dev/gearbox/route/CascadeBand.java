package dev.gearbox.route;

/**
 * The classifier scores at which the router is unsure. A request scoring inside [low, high)
 * tries the small tier first and is escalated when its answer fails validation; below it goes
 * to the frontier, at or above it to the small tier, as the threshold says.
 */
public record CascadeBand(double low, double high) {
  public CascadeBand {
    if (!(low >= 0 && low <= high && high <= 1)) {
      throw new IllegalArgumentException("cascade_band is [low, high] with 0 <= low <= high <= 1,"
          + " got [" + low + ", " + high + "]");
    }
  }

  public boolean contains(double score) {
    return score >= low && score < high;
  }
}
