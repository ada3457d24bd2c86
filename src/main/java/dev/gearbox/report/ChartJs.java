package dev.gearbox.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Describes {@link Chart}s as Chart.js configurations, and reads the Chart.js library itself
 * from its WebJar on the class path, so that an HTML report can carry both inline and be viewed
 * with no network at all. Animation is off: the chart a reader (or a screenshot) sees first is
 * the finished one.
 */
final class ChartJs {
  private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";
  private static final String POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private ChartJs() {}

  /** The Chart.js configuration object for {@code chart}. */
  static ObjectNode config(Chart chart) {
    return switch (chart) {
      case XyChart xy -> xy(xy);
      case BarChart bars -> bars(bars);
    };
  }

  /** The minified Chart.js library (UMD build), as bundled in this jar. */
  static String library() {
    String path = WEBJAR + version() + "/dist/chart.umd.min.js";
    try (InputStream in = resource(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The bundled Chart.js version, from its WebJar's Maven metadata. */
  static String version() {
    Properties pom = new Properties();
    try (InputStream in = resource(POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM, e);
    }
    return pom.getProperty("version");
  }

  private static InputStream resource(String path) {
    InputStream in = ChartJs.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("the Chart.js WebJar is missing from the class path ("
          + path + ")");
    }
    return in;
  }

  private static ObjectNode xy(XyChart chart) {
    ObjectNode config = Json.MAPPER.createObjectNode().put("type", "scatter");
    ArrayNode datasets = config.putObject("data").putArray("datasets");
    List<Series> series = chart.series();
    for (int i = 0; i < series.size(); i++) {
      Series one = series.get(i);
      datasets.add(dataset(one, Palette.hex(Palette.slot(one.colour(), i))));
    }
    for (int m = 0; m < chart.markers().size(); m++) {
      Marker marker = chart.markers().get(m);
      ObjectNode set = datasets.addObject().put("label", marker.label())
          .put("showLine", false).put("pointRadius", 9).put("pointHoverRadius", 11)
          .put("pointStyle", "rectRot").put("borderColor", Palette.markerHex(m))
          .put("backgroundColor", Palette.markerHex(m));
      set.putArray("data").addObject().put("x", marker.at().x()).put("y", marker.at().y());
    }
    ObjectNode options = options(config, chart.title());
    // thin swatches: a line's legend entry looks like a line, dashed where the line is
    ((ObjectNode) options.get("plugins").get("legend")).putObject("labels").put("boxHeight", 2);
    ObjectNode scales = options.putObject("scales");
    axis(scales, "x", chart.xLabel()).put("type", "linear");
    axis(scales, "y", chart.yLabel());
    return config;
  }

  private static ObjectNode dataset(Series series, String color) {
    ObjectNode set = Json.MAPPER.createObjectNode().put("label", series.name())
        .put("borderColor", color).put("backgroundColor", color);
    switch (series.style()) {
      case LINE -> set.put("showLine", true).put("pointRadius", 0).put("borderWidth", 2);
      case DASHED -> {
        set.put("showLine", true).put("pointRadius", 0).put("borderWidth", 2);
        set.putArray("borderDash").add(7).add(5);
      }
      case POINTS -> set.put("showLine", false).put("pointRadius", 3);
    }
    ArrayNode data = set.putArray("data");
    series.points().forEach(p -> data.addObject().put("x", p.x()).put("y", p.y()));
    return set;
  }

  private static ObjectNode bars(BarChart chart) {
    ObjectNode config = Json.MAPPER.createObjectNode().put("type", "bar");
    ObjectNode data = config.putObject("data");
    ArrayNode labels = data.putArray("labels");
    chart.categories().forEach(labels::add);
    ArrayNode datasets = data.putArray("datasets");
    for (int i = 0; i < chart.series().size(); i++) {
      BarSeries series = chart.series().get(i);
      ObjectNode set = datasets.addObject().put("label", series.name())
          .put("backgroundColor", Palette.hex(Palette.slot(series.colour(), i)));
      ArrayNode values = set.putArray("data");
      series.values().forEach(values::add);
    }
    ObjectNode options = options(config, chart.title());
    ObjectNode scales = options.putObject("scales");
    axis(scales, "x", chart.categoryLabel()).put("stacked", chart.stacked());
    axis(scales, "y", chart.valueLabel()).put("stacked", chart.stacked());
    return config;
  }

  private static ObjectNode options(ObjectNode config, String title) {
    ObjectNode options = config.putObject("options").put("animation", false)
        .put("responsive", true).put("maintainAspectRatio", false);
    ObjectNode plugins = options.putObject("plugins");
    plugins.putObject("title").put("display", true).put("text", title)
        .putObject("font").put("size", 16);
    plugins.putObject("legend").put("position", "bottom");
    return options;
  }

  private static ObjectNode axis(ObjectNode scales, String name, String label) {
    ObjectNode axis = scales.putObject(name);
    axis.putObject("title").put("display", true).put("text", label);
    return axis;
  }
}
