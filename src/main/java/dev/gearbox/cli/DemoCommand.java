package dev.gearbox.cli;

import ch.qos.logback.classic.Level;
import dev.gearbox.demo.Demo;
import dev.gearbox.demo.DemoResult;
import dev.gearbox.demo.DemoSettings;
import dev.gearbox.demo.ProgressBar;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gearbox demo}: replays real traffic through the gateway and reports the savings. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the gateway on its embedded default (two tiers on the built-in simulator, which"
          + " replays recorded answers of gpt-4-1106-preview and Mixtral-8x7B-Instruct at their"
          + " speed), replays a mix of real traffic through it over HTTP from concurrent"
          + " clients, then prints what it cost, saved and scored, and writes an HTML report"
          + " with PNG charts.",
      "No API key and no network needed."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--requests", paramLabel = "N",
      description = "Requests to send (default: ${DEFAULT-VALUE}; about two minutes here).")
  int requests = DemoSettings.DEFAULT_REQUESTS;

  @Option(names = "--seed", paramLabel = "N",
      description = "Fixes the traffic mix and each client's order (default: ${DEFAULT-VALUE}).")
  long seed = DemoSettings.DEFAULT_SEED;

  @Option(names = "--clients", paramLabel = "N",
      description = "Clients sending at the same time (default: ${DEFAULT-VALUE}).")
  int clients = DemoSettings.DEFAULT_CLIENTS;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "gearbox-data",
      description = "Data directory: the run's ledger goes to DIR/demo (emptied first), the"
          + " report to DIR/report (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write the report here instead of DIR/report.")
  Optional<Path> out = Optional.empty();

  @Option(names = "--json", description = "Print the summary as JSON (progress goes to stderr).")
  boolean json;

  @Option(names = "--fast",
      description = "The simulator answers at once: a quick check of the figures; latency and"
          + " duration then mean little.")
  boolean fast;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    quietLogs();
    DemoSettings settings = settings();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter progressOut = json ? spec.commandLine().getErr() : stdout;
    Demo demo = Demo.prepare(settings, name -> Optional.ofNullable(System.getenv(name)),
        Clock.systemUTC());
    progressOut.println("Replaying " + demo.plannedRequests() + " requests of real traffic"
        + " (GSM8K, MT-Bench, Arena, agent runs, repeats, paraphrases) from " + clients
        + " clients through Gearbox on its embedded default; upstream: the built-in simulator"
        + (fast ? ", answering at once." : ", at the recorded models' speed."));
    progressOut.flush();
    DemoResult result = run(demo, new ProgressBar(progressOut, !json && isTerminal(),
        Clock.systemUTC()));
    if (json) {
      stdout.println(result.summary().json().toPrettyString());
    } else {
      printed(result, stdout);
    }
    stdout.flush();
    return 0;
  }

  private DemoSettings settings() {
    try {
      return new DemoSettings(requests, seed, clients, dataDir.resolve("demo"),
          out.orElse(dataDir.resolve("report")), fast);
    } catch (IllegalArgumentException e) {
      throw new FriendlyErrors.UserError(e.getMessage(), e);
    }
  }

  private static DemoResult run(Demo demo, ProgressBar progress) throws InterruptedException {
    try {
      return demo.run(progress);
    } catch (IllegalStateException e) {
      throw new FriendlyErrors.UserError(e.getMessage(), e);
    }
  }

  private static void printed(DemoResult result, PrintWriter out) {
    out.println();
    out.print(result.summary().table());
    out.println();
    out.println("Report: " + result.report().html() + "  (open it in a browser; the charts"
        + " are also PNG files beside it)");
    out.println("Ledger of this run: ./gearbox usage --data-dir " + result.stateDir());
    out.println("Its audit log:      ./gearbox audit verify --data-dir " + result.stateDir());
  }

  private static boolean isTerminal() {
    Console console = System.console();
    return console != null && console.isTerminal();
  }

  /**
   * The demo talks to the user through its progress line and summary; the gateway's own
   * start-up lines would only break the line up. Warnings still show, and GEARBOX_LOG_LEVEL
   * still wins.
   */
  private static void quietLogs() {
    if (System.getenv("GEARBOX_LOG_LEVEL") == null
        && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
            instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
  }
}
