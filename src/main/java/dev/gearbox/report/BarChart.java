package dev.gearbox.report;

import java.util.List;
import java.util.Objects;

/** Bars per category, side by side or stacked. */
public record BarChart(
    String id,
    String title,
    String caption,
    String categoryLabel,
    String valueLabel,
    List<String> categories,
    List<BarSeries> series,
    boolean stacked) implements Chart {

  public BarChart {
    Chart.checkId(id);
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(categoryLabel, "categoryLabel");
    Objects.requireNonNull(valueLabel, "valueLabel");
    categories = List.copyOf(categories);
    series = List.copyOf(series);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("chart " + id + " has no series");
    }
    for (BarSeries s : series) {
      if (s.values().size() != categories.size()) {
        throw new IllegalArgumentException("series " + s.name() + " of chart " + id + " has "
            + s.values().size() + " values for " + categories.size() + " categories");
      }
    }
  }
}
