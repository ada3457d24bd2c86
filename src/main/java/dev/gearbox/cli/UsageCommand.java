package dev.gearbox.cli;

import dev.gearbox.cost.UsageGrouping;
import dev.gearbox.cost.UsageRendering;
import dev.gearbox.cost.UsageReport;
import dev.gearbox.cost.UsageSummary;
import dev.gearbox.cost.UsageWindow;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gearbox usage}: what was spent and saved, from the ledger the configuration names. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = "Show requests, tokens, cost, counterfactual cost and savings from the ledger.")
public final class UsageCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  private boolean json;

  @Option(
      names = "--by",
      split = ",",
      paramLabel = "GROUPING",
      description = "Group by ${COMPLETION-CANDIDATES} (repeatable; default: tier).",
      converter = GroupingConverter.class,
      completionCandidates = GroupingConverter.Candidates.class)
  private List<UsageGrouping> groupings = List.of(UsageGrouping.TIER);

  @Option(names = "--since", paramLabel = "INSTANT", description = "Only from this time on "
      + "(ISO-8601, e.g. 2026-12-01T00:00:00Z).")
  private Optional<Instant> since = Optional.empty();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DatabaseConfig ledger = common.load().database();
    if (ledger instanceof DatabaseConfig.Sqlite sqlite && !Files.exists(sqlite.file())) {
      spec.commandLine().getErr().println("no ledger at " + sqlite.file() + "; run gearbox "
          + "first, or point --data-dir at its data directory");
      return 1;
    }
    try (Database database = Database.open(ledger)) {
      UsageSummary summary =
          new UsageReport(database).summary(new UsageWindow(since, Optional.empty()), groupings);
      out.print(json ? UsageRendering.json(summary).toPrettyString() + "\n"
          : UsageRendering.table(summary));
      out.flush();
    }
    return 0;
  }
}
