package dev.gearbox.report;

import java.util.List;
import java.util.Objects;

/** Lines or points on two numeric axes, with optional labelled markers. */
public record XyChart(
    String id,
    String title,
    String caption,
    String xLabel,
    String yLabel,
    List<Series> series,
    List<Marker> markers) implements Chart {

  public XyChart {
    Chart.checkId(id);
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(xLabel, "xLabel");
    Objects.requireNonNull(yLabel, "yLabel");
    series = List.copyOf(series);
    markers = List.copyOf(markers);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("chart " + id + " has no series");
    }
  }
}
