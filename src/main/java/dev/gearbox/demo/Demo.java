package dev.gearbox.demo;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.cost.UsageLine;
import dev.gearbox.cost.UsageReport;
import dev.gearbox.cost.UsageWindow;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.report.ReportFiles;
import dev.gearbox.server.GatewayApp;
import dev.gearbox.sim.RecordedSets;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.SimModel;
import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gearbox demo}: Gearbox doing its job on real data, with nothing to set up. Starts the
 * gateway in-process on its embedded default (the simulator's two recorded models as tiers, at
 * their recorded speeds), replays a mix of real traffic through it over HTTP from concurrent
 * clients, then reads the gateway's ledger back and reports what routing and caching saved and
 * what they cost in quality.
 *
 * <p>The demo measures the gateway from outside, as a user would: it learns where each request
 * went from the response headers and the ledger, never from the gateway's internals.
 */
public final class Demo {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  private final DemoSettings settings;
  private final Function<String, Optional<String>> env;
  private final Clock clock;
  private final RecordedSets sets;
  private final TrafficMix mix;

  private Demo(
      DemoSettings settings,
      Function<String, Optional<String>> env,
      Clock clock,
      RecordedSets sets,
      TrafficMix mix) {
    this.settings = settings;
    this.env = env;
    this.clock = clock;
    this.sets = sets;
    this.mix = mix;
  }

  /** Loads the bundled data and draws the traffic mix; starts nothing yet. */
  public static Demo prepare(
      DemoSettings settings, Function<String, Optional<String>> env, Clock clock) {
    RecordedSets sets = RecordedSets.bundled();
    TrafficMix mix = TrafficMix.build(settings.requests(), settings.seed(), settings.clients(),
        sets, Paraphrases.bundled(sets), AgentRuns.bundled());
    return new Demo(settings, env, clock, sets, mix);
  }

  /** The HTTP requests the run will send. */
  public int plannedRequests() {
    return mix.requests();
  }

  /**
   * Runs the demo: empties the state directory, starts the gateway, sends the traffic, stops
   * the gateway, and writes the report.
   *
   * @throws IllegalStateException when the state directory holds files the demo did not make
   */
  public DemoResult run(ProgressBar progress) throws InterruptedException {
    StateDir.reset(settings.stateDir());
    GatewayConfig config = config();
    Instant startedAt;
    List<CallRecord> calls;
    try (GatewayApp app = GatewayApp.start(config, env, clock)) {
      URI root = URI.create("http://127.0.0.1:" + app.port());
      LOG.info("demo: {} requests from {} clients to {}", plannedRequests(),
          settings.clients(), root);
      progress.start(plannedRequests());
      startedAt = clock.instant();
      calls = drive(root, progress);
      progress.finish();
      app.flushLedger();
    }
    RunData run = observed(config, startedAt, calls);
    QualityScorer scorer = scorer(config);
    DemoSummary summary = Summaries.of(run, scorer);
    ReportFiles files = DemoReport.write(run, summary, RouterCurve.chart(run, config, scorer));
    return new DemoResult(summary, files, settings.stateDir());
  }

  private GatewayConfig config() {
    GatewayConfig embedded = new ConfigLoader(env).loadEmbeddedDefault(settings.stateDir());
    return embedded
        .withPort(0)
        .withSimulator(new GatewayConfig.Simulator(true, 0, settings.fastUpstream()))
        .withDataDir(settings.stateDir(), new DatabaseConfig.Sqlite(settings.stateDir()));
  }

  /** Every client on its own virtual thread; returns once all queues are done. */
  private List<CallRecord> drive(URI root, ProgressBar progress) throws InterruptedException {
    List<CallRecord> calls = Collections.synchronizedList(new ArrayList<>());
    DemoListener listener = new DemoListener() {
      @Override
      public void called(CallRecord call) {
        calls.add(call);
        progress.called(call);
      }

      @Override
      public void skipped(int requests) {
        progress.skipped(requests);
      }
    };
    long startMs = clock.millis();
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> clients = new ArrayList<>();
      for (List<Script> queue : mix.queues()) {
        DemoClient client = new DemoClient(http, root, clock, startMs, listener);
        clients.add(threads.submit(() -> {
          client.run(queue);
          return null;
        }));
      }
      for (Future<Void> client : clients) {
        join(client);
      }
    }
    return List.copyOf(calls);
  }

  private static void join(Future<Void> client) throws InterruptedException {
    try {
      client.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a demo client failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  private RunData observed(GatewayConfig config, Instant startedAt, List<CallRecord> calls) {
    List<LedgerEntry> ledger;
    UsageLine total;
    try (Database database = Database.open(config.database())) {
      UsageReport usage = new UsageReport(database);
      ledger = usage.entries(UsageWindow.ALL_TIME);
      total = usage.total(UsageWindow.ALL_TIME);
    }
    long elapsedMs = calls.stream().mapToLong(c -> c.startedMs() + c.latencyMs()).max()
        .orElse(0) - calls.stream().mapToLong(CallRecord::startedMs).min().orElse(0);
    return new RunData(settings, plannedRequests(), startedAt, elapsedMs, calls, ledger, total,
        Optional.of(AuditCheck.verify(config)));
  }

  private QualityScorer scorer(GatewayConfig config) {
    SimConfig simulator = SimConfig.defaults();
    Map<String, String> recorded = new HashMap<>();
    for (ModelSpec model : config.models()) {
      simulator.model(model.upstreamModel())
          .map(SimModel::recordedModel)
          .ifPresent(name -> recorded.put(model.alias(), name));
    }
    return new QualityScorer(sets, recorded, config.baselineModel());
  }
}
