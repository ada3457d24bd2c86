package dev.gearbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gearbox} command: one subcommand per job. */
@Command(
    name = "gearbox",
    mixinStandardHelpOptions = true,
    version = "gearbox 0.1.0",
    description = "An LLM gateway that makes every model call as cheap as it can be.",
    subcommands = {ServeCommand.class, UsageCommand.class, CacheEvalCommand.class,
        CacheCalibrateCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new FriendlyErrors());
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
