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
import picocli.CommandLine;
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

  @Option(names = "--since", paramLabel = "TIME", converter = TimeBound.class,
      description = "Only from this time on: a date (2026-12-01, UTC) or an ISO-8601 instant"
          + " (2026-12-01T09:30:00Z).")
  private Optional<Instant> since = Optional.empty();

  @Option(names = "--until", paramLabel = "TIME", converter = TimeBound.class,
      description = "Only before this time (not included), in the same forms as --since.")
  private Optional<Instant> until = Optional.empty();

  /** Reads a time bound as {@link UsageWindow#bound} does. */
  static final class TimeBound implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return UsageWindow.bound(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DatabaseConfig ledger = common.load().database();
    if (ledger instanceof DatabaseConfig.Sqlite sqlite && !Files.exists(sqlite.file())) {
      spec.commandLine().getErr().println("no ledger at " + sqlite.file() + "; run gearbox "
          + "first, or point --data-dir at its data directory");
      return 1;
    }
    UsageWindow window;
    try {
      window = new UsageWindow(since, until);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--since must come before"
          + " --until");
    }
    try (Database database = Database.open(ledger)) {
      UsageSummary summary = new UsageReport(database).summary(window, groupings);
      out.print(json ? UsageRendering.json(summary).toPrettyString() + "\n"
          : UsageRendering.table(summary));
      out.flush();
    }
    return 0;
  }
}
