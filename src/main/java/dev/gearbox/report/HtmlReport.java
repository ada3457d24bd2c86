package dev.gearbox.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A one-page report: headings, text, tables and charts, written as a single self-contained HTML
 * file (the chart library and every chart's data inline: it opens from disk, offline, in any
 * current browser) with a PNG of each chart beside it.
 */
public final class HtmlReport {
  private final String title;
  private final List<Block> blocks = new ArrayList<>();

  private sealed interface Block {}

  private record Heading(String text) implements Block {}

  private record Paragraph(String text) implements Block {}

  private record Preformatted(String text) implements Block {}

  private record TableBlock(Table table) implements Block {}

  private record ChartBlock(Chart chart) implements Block {}

  private HtmlReport(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  public static HtmlReport titled(String title) {
    return new HtmlReport(title);
  }

  public HtmlReport heading(String text) {
    blocks.add(new Heading(text));
    return this;
  }

  public HtmlReport paragraph(String text) {
    blocks.add(new Paragraph(text));
    return this;
  }

  /** Text shown as is, in a fixed-width font (a terminal summary, say). */
  public HtmlReport preformatted(String text) {
    blocks.add(new Preformatted(text));
    return this;
  }

  public HtmlReport table(Table table) {
    blocks.add(new TableBlock(table));
    return this;
  }

  /** Adds a chart; chart ids must be unique within a report. */
  public HtmlReport chart(Chart chart) {
    if (charts().stream().anyMatch(c -> c.id().equals(chart.id()))) {
      throw new IllegalArgumentException("the report already has a chart " + chart.id());
    }
    blocks.add(new ChartBlock(chart));
    return this;
  }

  public List<Chart> charts() {
    return blocks.stream()
        .filter(ChartBlock.class::isInstance)
        .map(b -> ((ChartBlock) b).chart())
        .toList();
  }

  /**
   * Writes {@code <dir>/<htmlName>} and {@code <dir>/<chart id>.png} for every chart, creating
   * {@code dir} if needed and replacing files of the same names.
   *
   * @throws UncheckedIOException when a file cannot be written
   */
  public ReportFiles writeTo(Path dir, String htmlName) {
    try {
      Files.createDirectories(dir);
      List<Path> pngs = new ArrayList<>();
      for (Chart chart : charts()) {
        Path png = dir.resolve(pngName(chart));
        PngCharts.write(chart, png);
        pngs.add(png);
      }
      Path html = dir.resolve(htmlName);
      Files.writeString(html, html(), StandardCharsets.UTF_8);
      return new ReportFiles(html, pngs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
  }

  /** The page's HTML, the chart library and chart data included. */
  public String html() {
    StringBuilder page = new StringBuilder(300_000);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n")
        .append("<script>/* Chart.js ").append(ChartJs.version()).append(", MIT licence */\n")
        .append(ChartJs.library()).append("\n</script>\n</head>\n<body>\n<main>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
    blocks.forEach(block -> page.append(render(block)));
    page.append("</main>\n<script>\n");
    for (Chart chart : charts()) {
      page.append("new Chart(document.getElementById('").append(chart.id()).append("'), ")
          .append(inlineJson(chart)).append(");\n");
    }
    return page.append("</script>\n</body>\n</html>\n").toString();
  }

  private static String render(Block block) {
    return switch (block) {
      case Heading h -> "<h2>" + escape(h.text()) + "</h2>\n";
      case Paragraph p -> "<p>" + escape(p.text()) + "</p>\n";
      case Preformatted p -> "<pre>" + escape(p.text()) + "</pre>\n";
      case TableBlock t -> tableHtml(t.table());
      case ChartBlock c -> chartHtml(c.chart());
    };
  }

  private static String tableHtml(Table table) {
    StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
    table.headers().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
      html.append("</tr>\n");
    }
    return html.append("</tbody>\n</table>\n").toString();
  }

  private static String chartHtml(Chart chart) {
    return "<figure>\n<div class=\"chart\"><canvas id=\"" + chart.id() + "\" role=\"img\" "
        + "aria-label=\"" + escape(chart.title()) + "\"></canvas></div>\n<figcaption>"
        + escape(chart.caption()) + " <a href=\"" + pngName(chart) + "\">PNG</a></figcaption>\n"
        + "</figure>\n";
  }

  private static String pngName(Chart chart) {
    return chart.id() + ".png";
  }

  /** JSON that may sit inside a script element: no {@code </} can close it early. */
  private static String inlineJson(Chart chart) {
    try {
      return Json.MAPPER.writeValueAsString(ChartJs.config(chart)).replace("</", "<\\/");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a chart configuration could not be written as JSON", e);
    }
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String STYLE = """
      body{margin:0;background:#f6f7f9;color:#1d2330;\
      font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
      main{max-width:1100px;margin:0 auto;padding:24px 32px 48px;background:#fff}
      h1{font-size:26px;margin:8px 0 4px}h2{font-size:19px;margin:28px 0 8px;\
      border-bottom:1px solid #e3e6ea;padding-bottom:4px}
      pre{background:#f3f4f6;padding:12px 14px;border-radius:6px;overflow-x:auto;\
      font:13px/1.45 "DejaVu Sans Mono",Menlo,Consolas,monospace}
      table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}
      th,td{border:1px solid #dfe3e8;padding:5px 10px;text-align:left}
      th{background:#f3f4f6}td{font-variant-numeric:tabular-nums}
      figure{margin:16px 0 28px}.chart{position:relative;height:440px}
      figcaption{color:#555;font-size:13px;margin-top:6px}
      """;
}
