package dev.gearbox.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What a written report consists of: the HTML page and a PNG per chart, side by side. */
public record ReportFiles(Path html, List<Path> charts) {
  public ReportFiles {
    Objects.requireNonNull(html, "html");
    charts = List.copyOf(charts);
  }
}
