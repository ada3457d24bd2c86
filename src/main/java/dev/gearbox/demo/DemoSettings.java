package dev.gearbox.demo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the demo.
 *
 * @param requests HTTP requests to send in all
 * @param seed fixes the traffic mix, each client's order and the paraphrases chosen
 * @param clients clients sending at the same time, each on its own virtual thread
 * @param stateDir the gateway's data directory for the run (ledger, audit log); emptied first
 * @param reportDir where the HTML report and the PNG charts are written
 * @param fastUpstream the simulator answers at once instead of at its models' recorded speed
 */
public record DemoSettings(
    int requests, long seed, int clients, Path stateDir, Path reportDir, boolean fastUpstream) {

  public static final int DEFAULT_REQUESTS = 400;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_CLIENTS = 16;

  public DemoSettings {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(reportDir, "reportDir");
    if (requests < TrafficMix.MIN_REQUESTS) {
      throw new IllegalArgumentException(
          "the demo needs at least " + TrafficMix.MIN_REQUESTS + " requests, got " + requests);
    }
    if (clients < 1 || clients > 64) {
      throw new IllegalArgumentException("clients must be between 1 and 64, got " + clients);
    }
  }
}
