package dev.gearbox.report;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A named run of points of an {@link XyChart}, drawn in its given order.
 *
 * @param colour the palette slot to draw it in; by default the series' position in its chart,
 *     set it to keep one thing the same colour across charts
 */
public record Series(String name, List<Point> points, SeriesStyle style, OptionalInt colour) {
  public Series {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(colour, "colour");
    points = List.copyOf(points);
  }

  public static Series line(String name, List<Point> points) {
    return new Series(name, points, SeriesStyle.LINE, OptionalInt.empty());
  }

  public Series withStyle(SeriesStyle newStyle) {
    return new Series(name, points, newStyle, colour);
  }

  public Series withColour(int slot) {
    return new Series(name, points, style, OptionalInt.of(slot));
  }
}
