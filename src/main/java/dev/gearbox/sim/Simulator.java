package dev.gearbox.sim;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gearbox's own upstream: an OpenAI- and Anthropic-compatible model server that answers with real
 * recorded answers of real models (see {@link RecordedSets}), at a model's speed, with the faults
 * real servers have. It is what {@code gearbox sim}, the demo, the benchmarks and the tests run
 * against, since no real model server can be assumed.
 *
 * <p>Endpoints: {@code POST /v1/chat/completions}, {@code POST /v1/messages},
 * {@code GET /v1/models}, {@code GET /health}. Every answer carries {@value #OUTCOME_HEADER}
 * (the recorded outcome: {@code correct}, {@code wrong}, {@code score=N}, or {@code unknown}) and
 * {@value #SOURCE_HEADER} ({@code recorded:<set>:<id>} or {@code generated}). A request may ask
 * for a fault with {@value #FAULT_HEADER} (see {@link Fault}). Any API key is accepted.
 *
 * <p>Requests run on Helidon's virtual threads; generation time and held ({@code timeout})
 * requests park only those.
 */
public final class Simulator implements AutoCloseable {
  public static final String OUTCOME_HEADER = "x-sim-outcome";
  public static final String SOURCE_HEADER = "x-sim-source";
  public static final String FAULT_HEADER = "x-sim-fault";

  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  private static final String LOOPBACK = "127.0.0.1";

  private final WebServer server;
  private final SimConfig config;
  private final ReceivedLog received;
  private final CountDownLatch closing;
  private final String host;

  private Simulator(
      WebServer server,
      SimConfig config,
      ReceivedLog received,
      CountDownLatch closing,
      String host) {
    this.server = server;
    this.config = config;
    this.received = received;
    this.closing = closing;
    this.host = host;
  }

  /**
   * Starts a simulator on the loopback interface.
   *
   * @param port the port to listen on; 0 picks a free one (see {@link #port()})
   */
  public static Simulator start(SimConfig config, int port) {
    return start(config, LOOPBACK, port, Clock.systemUTC());
  }

  /**
   * Starts a simulator on {@code host} (an address or name to bind, e.g. "0.0.0.0" for all
   * interfaces), dating answers and received requests by {@code clock}.
   *
   * @throws IllegalArgumentException when a model replays a model no bundled set recorded
   * @throws IllegalStateException when the port cannot be bound
   */
  public static Simulator start(SimConfig config, String host, int port, Clock clock) {
    Objects.requireNonNull(config, "config");
    long started = System.nanoTime();
    requireRecorded(config);
    ReceivedLog received = new ReceivedLog(config.receivedCapacity());
    CountDownLatch closing = new CountDownLatch(1);
    SimService service =
        new SimService(config, ReplayData.bundled(), received, clock, Pacer.sleeping(), closing);
    WebServer server =
        WebServer.builder()
            .host(host)
            .port(port)
            .shutdownHook(false)
            .shutdownGracePeriod(Duration.ofMillis(500))
            .routing(
                routing ->
                    routing
                        .post("/v1/chat/completions", service::chatCompletions)
                        .post("/v1/messages", service::messages)
                        .get("/v1/models", service::models)
                        .get("/health", service::health))
            .build()
            .start();
    Simulator simulator = new Simulator(server, config, received, closing, host);
    LOG.info(
        "simulator listening on {} serving {} (started in {} ms)",
        simulator.baseUri(),
        config.modelNames(),
        (System.nanoTime() - started) / 1_000_000);
    return simulator;
  }

  private static void requireRecorded(SimConfig config) {
    RecordedSets sets = RecordedSets.bundled();
    for (SimModel model : config.models()) {
      if (!sets.isRecorded(model.recordedModel())) {
        throw new IllegalArgumentException(
            "model "
                + model.name()
                + " replays '"
                + model.recordedModel()
                + "', which no bundled set recorded; recorded models: "
                + sets.allModels());
      }
    }
  }

  /** The port listened on. */
  public int port() {
    return server.port();
  }

  /**
   * The OpenAI-style base URL, with the version: {@code http://127.0.0.1:PORT/v1}. Give this to
   * an OpenAI SDK; an Anthropic SDK wants {@link #rootUri()}.
   */
  public URI baseUri() {
    return URI.create(rootUri() + "/v1");
  }

  /** The server root, without a path: {@code http://127.0.0.1:PORT}. */
  public URI rootUri() {
    String shown = host.equals("0.0.0.0") ? LOOPBACK : host;
    return URI.create("http://" + shown + ":" + port());
  }

  public SimConfig config() {
    return config;
  }

  /** The requests received so far (at most {@link SimConfig#receivedCapacity()}), oldest first. */
  public List<ReceivedRequest> received() {
    return received.snapshot();
  }

  public void clearReceived() {
    received.clear();
  }

  /** Releases held requests and stops the server. Idempotent. */
  @Override
  public void close() {
    closing.countDown();
    if (server.isRunning()) {
      int port = port();
      server.stop();
      LOG.info("simulator on port {} stopped", port);
    }
  }
}
