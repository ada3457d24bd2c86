package dev.gearbox.report;

import java.util.List;

/** Small charts for the report tests. */
final class Charts {
  private Charts() {}

  static XyChart curve(String id) {
    return new XyChart(id, "Cost against quality", "The chosen point is marked.",
        "cost (USD)", "quality",
        List.of(Series.line("router", List.of(new Point(0.1, 0.6), new Point(0.5, 0.8),
                new Point(1.0, 0.85))),
            Series.line("random", List.of(new Point(0.1, 0.6), new Point(1.0, 0.85)))
                .withStyle(SeriesStyle.DASHED)),
        List.of(new Marker("chosen threshold 0.42", new Point(0.5, 0.8))));
  }

  static BarChart bars(String id) {
    return new BarChart(id, "Requests by route", "Stacked.", "kind", "requests",
        List.of("maths", "chat"),
        List.of(BarSeries.of("small", List.of(3.0, 1.0)),
            BarSeries.of("frontier", List.of(1.0, 4.0)).withColour(5)),
        true);
  }
}
