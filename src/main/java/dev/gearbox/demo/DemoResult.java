package dev.gearbox.demo;

import dev.gearbox.report.ReportFiles;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished demo run: its summary, the report files written, and the gateway's data directory
 * of the run (its ledger can be read again with {@code gearbox usage --data-dir}).
 */
public record DemoResult(DemoSummary summary, ReportFiles report, Path stateDir) {
  public DemoResult {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(stateDir, "stateDir");
  }
}
