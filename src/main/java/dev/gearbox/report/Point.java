package dev.gearbox.report;

/** One point of a chart series, in the units of the chart's axes. */
public record Point(double x, double y) {
  public Point {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("a chart point is finite, got (" + x + ", " + y + ")");
    }
  }
}
