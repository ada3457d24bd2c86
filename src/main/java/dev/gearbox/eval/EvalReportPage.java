package dev.gearbox.eval;

import dev.gearbox.report.HtmlReport;
import dev.gearbox.report.Marker;
import dev.gearbox.report.Point;
import dev.gearbox.report.ReportFiles;
import dev.gearbox.report.Series;
import dev.gearbox.report.SeriesStyle;
import dev.gearbox.report.Table;
import dev.gearbox.report.XyChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A routing evaluation as a self-contained HTML page with PNG charts beside it, in the same form
 * as the demo's report: every policy's cost-quality curve (the router's, random routing's and
 * the oracle's among them) against cost and against calls to the frontier, and the table of
 * APGR and operating points.
 */
public final class EvalReportPage {
  /** The goal whose operating point is marked on the router's curve. */
  static final String MARKED_GOAL = "quality_95";

  private EvalReportPage() {}

  /** Writes {@code eval-<dataset>.html} and its charts into {@code dir}. */
  public static ReportFiles write(EvalReport report, Path dir) {
    String slug = slug(report.dataset());
    HtmlReport page = HtmlReport.titled("Gearbox routing evaluation: " + report.dataset())
        .paragraph(intro(report))
        .table(table(report))
        .chart(chart(report, slug + "-cost-quality", true))
        .chart(chart(report, slug + "-frontier-share", false));
    report.notes().forEach(page::paragraph);
    return page.writeTo(dir, "eval-" + slug + ".html");
  }

  private static String intro(EvalReport r) {
    return String.format(Locale.ROOT, "%d requests of %s: %s as the small tier (quality %.3f),"
            + " %s as the frontier tier (quality %.3f). Learned policies are scored out of fold"
            + " (%d folds); intervals are 95%% bootstrap intervals over %d resamples; random"
            + " routing's APGR falls in [%.3f, %.3f] on this set.", r.requests(), r.dataset(),
        r.smallModel(), r.smallQuality(), r.frontierModel(), r.frontierQuality(), r.folds(),
        r.bootstrapSamples(), r.randomBand().low(), r.randomBand().high());
  }

  private static Table table(EvalReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (PolicyReport p : r.policies()) {
      Optional<OperatingPoint> at95 =
          p.points().stream().filter(o -> o.goal().equals(MARKED_GOAL)).findFirst();
      rows.add(List.of(p.name(), p.mode(), apgr(p.apgr(), p.apgrCi()),
          apgr(p.apgrOnCost(), p.apgrOnCostCi()),
          at95.filter(OperatingPoint::reached)
              .map(o -> String.format(Locale.ROOT, "%.0f %% to frontier, %.0f %% saved",
                  100 * o.frontierShare(), 100 * o.costSaved()))
              .orElse("not reached")));
    }
    return new Table(List.of("policy", "mode", "APGR", "APGR on cost",
        "keeping 95 % of frontier quality"), rows);
  }

  private static String apgr(double value, Optional<Interval> ci) {
    return String.format(Locale.ROOT, "%.3f", value) + ci.map(i -> String.format(Locale.ROOT,
        " [%.3f, %.3f]", i.low(), i.high())).orElse("");
  }

  private static XyChart chart(EvalReport r, String id, boolean onCost) {
    Function<RoutingCurve.Point, Point> at = p -> new Point(
        100 * (onCost ? p.costShare() : p.frontierShare()), 100 * p.quality()
            / r.frontierQuality());
    List<Series> series = new ArrayList<>();
    for (PolicyReport p : r.policies()) {
      List<Point> points = p.curve().stream().map(at).toList();
      series.add(p.name().equals("random")
          ? Series.line("random", points).withStyle(SeriesStyle.DASHED)
          : Series.line(p.name(), points));
    }
    List<Marker> markers = r.policy("router").flatMap(p -> p.points().stream()
            .filter(o -> o.goal().equals(MARKED_GOAL) && o.reached()).findFirst())
        .map(o -> new Marker("router keeping 95 % of frontier quality", new Point(
            100 * (onCost ? 1 - o.costSaved() : o.frontierShare()),
            100 * o.quality() / r.frontierQuality())))
        .stream().toList();
    return new XyChart(id, onCost ? "Cost against quality, every policy"
            : "Calls to the frontier against quality, every policy",
        "Each curve sends requests to the frontier tier in the order its policy ranks them;"
            + " quality as a share of all-frontier quality. Random is the dashed line, the"
            + " oracle the best any order can do.",
        onCost ? "cost, % of all-frontier" : "requests sent to the frontier, %",
        "quality, % of all-frontier", series, markers);
  }

  /** A dataset name or file path as a chart id: lower-case letters, digits and dashes. */
  static String slug(String dataset) {
    String name = Path.of(dataset).getFileName().toString().toLowerCase(Locale.ROOT)
        .replaceAll("\\.[a-z0-9]+$", "").replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "dataset" : name;
  }
}
