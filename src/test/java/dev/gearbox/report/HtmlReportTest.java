package dev.gearbox.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void html_carriesTheChartLibraryAndEveryChartInline() {
    String html = HtmlReport.titled("Report").chart(Charts.curve("curve"))
        .chart(Charts.bars("bars")).html();

    assertThat(html).contains("<script>/* Chart.js " + ChartJs.version());
    assertThat(html).contains("<canvas id=\"curve\"", "<canvas id=\"bars\"");
    assertThat(html).contains("new Chart(document.getElementById('curve'), {\"type\":\"scatter\"");
    assertThat(html).contains("new Chart(document.getElementById('bars'), {\"type\":\"bar\"");
    assertThat(html.length()).isGreaterThan(150_000);
  }

  @Test
  void html_loadsNothingFromTheNetwork() {
    String html = HtmlReport.titled("Report").chart(Charts.curve("curve")).html();

    assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=");
    assertThat(html).doesNotContainPattern("(?i)<link[^>]+href=");
    assertThat(html).doesNotContainPattern("(?i)url\\(\\s*['\"]?https?:");
  }

  @Test
  void textThatLooksLikeMarkup_isEscaped() {
    String html = HtmlReport.titled("A <b>bold</b> title").paragraph("x < y & \"z\"")
        .table(new Table(List.of("h<1>"), List.of(List.of("<td>")))).html();

    assertThat(html).contains("<h1>A &lt;b&gt;bold&lt;/b&gt; title</h1>");
    assertThat(html).contains("<p>x &lt; y &amp; &quot;z&quot;</p>");
    assertThat(html).contains("<th>h&lt;1&gt;</th>", "<td>&lt;td&gt;</td>");
  }

  @Test
  void seriesNamedLikeAClosingScriptTag_cannotEndTheScriptEarly() {
    XyChart chart = new XyChart("evil", "t", "c", "x", "y",
        List.of(Series.line("</script><img src=x>", List.of(new Point(0, 0)))), List.of());

    String html = HtmlReport.titled("Report").chart(chart).html();

    assertThat(html).doesNotContain("</script><img");
    assertThat(html).contains("<\\/script><img src=x>");
  }

  @Test
  void writeTo_writesThePageAndAReadablePngPerChart() throws Exception {
    ReportFiles files = HtmlReport.titled("Report").paragraph("text")
        .chart(Charts.curve("curve")).chart(Charts.bars("bars"))
        .writeTo(dir.resolve("out"), "report.html");

    assertThat(files.html()).isEqualTo(dir.resolve("out/report.html")).exists();
    assertThat(files.charts()).containsExactly(dir.resolve("out/curve.png"),
        dir.resolve("out/bars.png"));
    for (Path png : files.charts()) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(PngCharts.WIDTH_PX);
      assertThat(image.getHeight()).isEqualTo(PngCharts.HEIGHT_PX);
    }
    assertThat(Files.readString(files.html())).contains("<a href=\"curve.png\">PNG</a>");
  }

  @Test
  void twoChartsWithOneId_areRefused() {
    HtmlReport report = HtmlReport.titled("Report").chart(Charts.curve("same"));

    assertThatThrownBy(() -> report.chart(Charts.bars("same")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same");
  }
}
