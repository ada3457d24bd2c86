package dev.gearbox.cli;

import dev.gearbox.provider.StaleConnections;
import dev.gearbox.server.Slf4jLogging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code gearbox} command; each subcommand is one class in this package. */
@Command(
    name = "gearbox",
    mixinStandardHelpOptions = true,
    version = "gearbox 0.1.0",
    description = "An LLM gateway that makes every model call as cheap as it can be.",
    subcommands = {ServeCommand.class, DemoCommand.class, SimCommand.class, UsageCommand.class,
        AuditCommand.class, SessionCommand.class, CacheEvalCommand.class,
        CacheCalibrateCommand.class, EvalCommand.class, TrainRouterCommand.class})
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    StaleConnections.resendOnExpired();
    Slf4jLogging.install();
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new FriendlyErrors());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
