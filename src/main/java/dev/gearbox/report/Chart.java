package dev.gearbox.report;

/**
 * A chart of a report, described once and drawn twice: as a PNG file ({@link PngCharts}) and as
 * an interactive chart in the HTML report ({@link ChartJs}).
 */
public sealed interface Chart permits XyChart, BarChart {

  /** Names the PNG file and the HTML element: lower-case letters, digits and dashes. */
  String id();

  String title();

  /** One or two sentences under the chart that say how to read it. */
  String caption();

  /** Checks an id as {@link #id()} requires. */
  static String checkId(String id) {
    if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "a chart id is lower-case letters, digits and dashes, got '" + id + "'");
    }
    return id;
  }
}
