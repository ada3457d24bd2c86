package dev.gearbox.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws {@link Chart}s as PNG files with JFreeChart, white and plain, for documents and mail. */
public final class PngCharts {
  public static final int WIDTH_PX = 960;
  public static final int HEIGHT_PX = 540;

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

  private PngCharts() {}

  /**
   * Writes {@code chart} to {@code file} as a {@value #WIDTH_PX}x{@value #HEIGHT_PX} PNG.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Chart chart, Path file) {
    JFreeChart drawn = switch (chart) {
      case XyChart xy -> xy(xy);
      case BarChart bars -> bars(bars);
    };
    drawn.setBackgroundPaint(Color.WHITE);
    drawn.setTitle(new TextTitle(chart.title(), TITLE));
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), drawn, WIDTH_PX, HEIGHT_PX);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + file, e);
    }
  }

  private static JFreeChart xy(XyChart chart) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    List<Series> series = chart.series();
    for (int i = 0; i < series.size(); i++) {
      data.addSeries(xySeries(series.get(i).name(), series.get(i).points()));
      style(renderer, i, series.get(i).style(),
          Palette.color(Palette.slot(series.get(i).colour(), i)));
    }
    addMarkers(chart, data, renderer);
    XYPlot plot = new XYPlot(data, numberAxis(chart.xLabel()), numberAxis(chart.yLabel()),
        renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    for (int m = 0; m < chart.markers().size(); m++) {
      Marker marker = chart.markers().get(m);
      // label below and left of its point: markers often sit at a curve's top-right end
      XYPointerAnnotation label = new XYPointerAnnotation(
          marker.label(), marker.at().x(), marker.at().y(), 3 * Math.PI / 4);
      label.setFont(SUBTITLE);
      label.setTextAnchor(TextAnchor.TOP_RIGHT);
      label.setPaint(Palette.marker(m));
      label.setArrowPaint(Palette.marker(m));
      plot.addAnnotation(label);
    }
    return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  private static XYSeries xySeries(String name, List<Point> points) {
    XYSeries xy = new XYSeries(name, false, true);
    points.forEach(p -> xy.add(p.x(), p.y()));
    return xy;
  }

  private static void style(
      XYLineAndShapeRenderer renderer, int index, SeriesStyle style, Color color) {
    renderer.setSeriesPaint(index, color);
    renderer.setSeriesShape(index, new Ellipse2D.Double(-3, -3, 6, 6));
    switch (style) {
      case LINE -> {
        renderer.setSeriesLinesVisible(index, true);
        renderer.setSeriesShapesVisible(index, false);
        renderer.setSeriesStroke(index, new BasicStroke(2.2f));
      }
      case DASHED -> {
        renderer.setSeriesLinesVisible(index, true);
        renderer.setSeriesShapesVisible(index, false);
        renderer.setSeriesStroke(index, new BasicStroke(1.8f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
      }
      case POINTS -> {
        renderer.setSeriesLinesVisible(index, false);
        renderer.setSeriesShapesVisible(index, true);
      }
    }
  }

  /** Each marker is a series of one large point, so that the legend names it. */
  private static void addMarkers(
      XyChart chart, XYSeriesCollection data, XYLineAndShapeRenderer renderer) {
    for (int m = 0; m < chart.markers().size(); m++) {
      Marker marker = chart.markers().get(m);
      XYSeries point = new XYSeries(marker.label(), false, true);
      point.add(marker.at().x(), marker.at().y());
      int index = data.getSeriesCount();
      data.addSeries(point);
      renderer.setSeriesLinesVisible(index, false);
      renderer.setSeriesShapesVisible(index, true);
      renderer.setSeriesShape(index, new Ellipse2D.Double(-7, -7, 14, 14));
      renderer.setSeriesPaint(index, Palette.marker(m));
    }
  }

  private static NumberAxis numberAxis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    return axis;
  }

  private static JFreeChart bars(BarChart chart) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (BarSeries series : chart.series()) {
      for (int c = 0; c < chart.categories().size(); c++) {
        data.addValue(series.values().get(c), series.name(), chart.categories().get(c));
      }
    }
    BarRenderer renderer = chart.stacked() ? new StackedBarRenderer() : new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    for (int i = 0; i < chart.series().size(); i++) {
      int slot = Palette.slot(chart.series().get(i).colour(), i);
      renderer.setSeriesPaint(i, Palette.color(slot));
    }
    CategoryAxis categories = new CategoryAxis(chart.categoryLabel());
    if (chart.categories().size() > 12) {
      categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    CategoryPlot plot = new CategoryPlot(data, categories, new NumberAxis(chart.valueLabel()),
        renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(GRID);
    return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }
}
