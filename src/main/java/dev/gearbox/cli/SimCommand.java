package dev.gearbox.cli;

import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.SimConfigFile;
import dev.gearbox.sim.Simulator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gearbox sim}: runs the upstream simulator until the process is stopped. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the upstream simulator: an OpenAI- and Anthropic-compatible model server that answers"
          + " with recorded answers of real models (sim-frontier = gpt-4-1106-preview, sim-small"
          + " = Mixtral-8x7B-Instruct by default), with their latency and injectable faults.",
      "Point an SDK at the printed base URL; any API key is accepted."
    })
public final class SimCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "9000",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML file of models, latencies and faults (default: the built-in models).")
  Optional<Path> config;

  @Option(
      names = "--fast",
      description = "Answer at once: no time to first token, no generation time.")
  boolean fast;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SimConfig simConfig;
    try {
      simConfig = simConfig();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("gearbox sim: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Simulator simulator = Simulator.start(simConfig, host, port, Clock.systemUTC())) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    simulator.close();
                    stopped.countDown();
                  },
                  "gearbox-sim-shutdown"));
      out.println(
          "gearbox sim: serving "
              + String.join(
                  ", ",
                  simConfig.models().stream()
                      .map(m -> m.name() + " (" + m.recordedModel() + ")")
                      .toList()));
      out.println("OpenAI base URL:    " + simulator.baseUri());
      out.println("Anthropic base URL: " + simulator.rootUri());
      out.flush();
      stopped.await();
    }
    return 0;
  }

  /** The configuration the options ask for. */
  SimConfig simConfig() {
    SimConfig base = config.map(SimConfigFile::read).orElseGet(SimConfig::defaults);
    return fast ? base.fast() : base;
  }
}
