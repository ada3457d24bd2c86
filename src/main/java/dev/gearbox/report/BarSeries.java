package dev.gearbox.report;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One named value per category of a {@link BarChart}.
 *
 * @param colour the palette slot to draw it in; by default the series' position in its chart
 */
public record BarSeries(String name, List<Double> values, OptionalInt colour) {
  public BarSeries {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(colour, "colour");
    values = List.copyOf(values);
    for (double value : values) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("series " + name + " holds a value that is not finite");
      }
    }
  }

  public static BarSeries of(String name, List<Double> values) {
    return new BarSeries(name, values, OptionalInt.empty());
  }

  public BarSeries withColour(int slot) {
    return new BarSeries(name, values, OptionalInt.of(slot));
  }
}
