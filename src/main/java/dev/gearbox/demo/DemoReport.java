package dev.gearbox.demo;

import dev.gearbox.report.HtmlReport;
import dev.gearbox.report.ReportFiles;
import dev.gearbox.report.Table;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import dev.gearbox.report.XyChart;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes a demo run's HTML report and PNG charts. */
final class DemoReport {
  static final String HTML_NAME = "demo-report.html";

  private DemoReport() {}

  /**
   * @param costQuality the router's threshold curve, when the gateway routes with one
   */
  static ReportFiles write(RunData run, DemoSummary summary, Optional<XyChart> costQuality) {
    return build(run, summary, costQuality).writeTo(run.settings().reportDir(), HTML_NAME);
  }

  static HtmlReport build(RunData run, DemoSummary summary, Optional<XyChart> costQuality) {
    HtmlReport report = HtmlReport.titled("Gearbox demo report")
        .paragraph(intro(run, summary))
        .heading("Summary")
        .preformatted(summary.table());
    quality(report, summary);
    costQuality.ifPresent(chart -> report.heading("Routing: cost against quality").chart(chart));
    report.heading("Spend").chart(DemoCharts.spendOverRun(run))
        .heading("Routes").chart(DemoCharts.routesByKind(run));
    SessionTree.largest(run).ifPresent(tree -> report.heading("An agent session")
        .chart(DemoCharts.sessionTokens(tree))
        .preformatted(tree.text()));
    return method(report);
  }

  private static String intro(RunData run, DemoSummary summary) {
    String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
        .format(run.startedAt().atOffset(ZoneOffset.UTC));
    return "Run of " + when + ": " + summary.sent() + " requests from " + summary.clients()
        + " concurrent clients (seed " + summary.seed() + "), sent over HTTP to a gateway on"
        + " its embedded default: two tiers served by the built-in upstream simulator, which"
        + " replays recorded real answers of gpt-4-1106-preview (frontier) and"
        + " Mixtral-8x7B-Instruct (small).";
  }

  private static void quality(HtmlReport report, DemoSummary summary) {
    if (summary.quality().isEmpty()) {
      return;
    }
    List<List<String>> rows = summary.quality().stream()
        .map(q -> List.of(q.set(), q.measure(), format(q, q.routed()),
            format(q, q.allFrontier()), Integer.toString(q.answers())))
        .toList();
    report.heading("Quality")
        .table(new Table(List.of("set", "measure", "routed", "all-frontier", "answers"), rows))
        .paragraph("Each answer is scored with the recorded outcome of the model that gave it"
            + " (x-gearbox-model): right or wrong on GSM8K, the GPT-4 judge's 1-10 grade on"
            + " MT-Bench and Arena. All-frontier is the frontier model's recorded outcome on the"
            + " same questions. Agent calls have no recorded outcome, and a paraphrase is scored"
            + " only when the cache answered it with its original's answer.");
  }

  private static String format(DemoSummary.QualityLine q, double value) {
    return String.format(Locale.ROOT, q.measure().endsWith("%") ? "%.1f" : "%.2f", value);
  }

  private static HtmlReport method(HtmlReport report) {
    return report.heading("How these figures are measured")
        .paragraph("Counts, routes, costs and latencies come from the gateway's ledger, one row"
            + " per request. Cost is priced from the bundled price book; the all-frontier cost"
            + " is what each request would have cost on the baseline frontier model, recorded"
            + " per request as its counterfactual. Saved is the all-frontier cost less the cost;"
            + " a request the cascade escalated saved a negative amount, since the small-tier"
            + " answer it discarded was paid for too. Frontier calls avoided are the answered"
            + " requests that did not go to the frontier tier. Latency added by the gateway is"
            + " each request's time in the gateway less the time spent waiting on the upstream.")
        .heading("Data")
        .paragraph("GSM8K and MT-Bench answers and outcomes: lm-sys/RouteLLM (Apache-2.0)."
            + " Arena prompts and grades: lmarena/arena-hard-auto (Apache-2.0). Agent runs:"
            + " sierra-research/tau-bench, GPT-4o on the airline tasks (MIT). Paraphrases:"
            + " written for Gearbox. Charts: Chart.js (MIT), inlined; PNGs drawn with"
            + " JFreeChart (LGPL).");
  }
}
