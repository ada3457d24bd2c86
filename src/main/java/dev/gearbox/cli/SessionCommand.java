package dev.gearbox.cli;

import dev.gearbox.audit.AuditException;
import dev.gearbox.audit.SessionRendering;
import dev.gearbox.audit.SessionReport;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gearbox session ID}: an agent session's call tree, cost and prompt growth. */
@Command(
    name = "session",
    mixinStandardHelpOptions = true,
    description = "Show an agent session (x-gearbox-session) as a call tree with per-call model,"
        + " tokens, cost and saving, and how prompts grow with depth.")
final class SessionCommand implements Callable<Integer> {
  @Mixin AuditLocation location;

  @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
  String sessionId;

  @Option(names = "--json", description = "Print JSON instead of a tree.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      Optional<SessionReport> report =
          SessionReport.of(sessionId, location.reader().session(sessionId));
      if (report.isEmpty()) {
        spec.commandLine().getErr().println("gearbox: no calls are recorded for session '"
            + sessionId + "'");
        return FriendlyErrors.FAILURE;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? SessionRendering.json(report.get()).toPrettyString() + "\n"
          : SessionRendering.text(report.get()));
      out.flush();
      return 0;
    } catch (AuditException e) {
      spec.commandLine().getErr().println("gearbox: " + e.getMessage());
      return FriendlyErrors.FAILURE;
    }
  }
}
