package dev.gearbox.cli;

import dev.gearbox.compress.AgentTraces;
import dev.gearbox.compress.CompressionMethod;
import dev.gearbox.compress.CompressionSettings;
import dev.gearbox.compress.Summariser;
import dev.gearbox.compress.Trajectory;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.cost.PriceBook;
import dev.gearbox.embed.Embedder;
import dev.gearbox.eval.CompressionEval;
import dev.gearbox.eval.CompressionReport;
import dev.gearbox.eval.CompressionReportRendering;
import dev.gearbox.eval.Datasets;
import dev.gearbox.eval.EmbeddingCache;
import dev.gearbox.eval.EvalReport;
import dev.gearbox.eval.EvalReportPage;
import dev.gearbox.report.ReportFiles;
import dev.gearbox.eval.Evaluation;
import dev.gearbox.eval.PricedPairs;
import dev.gearbox.eval.ProviderSummariser;
import dev.gearbox.eval.ReportRendering;
import dev.gearbox.eval.RoutingDataset;
import dev.gearbox.gateway.Accounting;
import dev.gearbox.model.Usage;
import dev.gearbox.provider.ModelSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code gearbox eval}: replays bundled data through a part of the pipeline and reports what it
 * does. Each evaluation is chosen by its own option and runs in its own method below.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Replay bundled data through parts of the pipeline and report cost and quality:"
        + " --dataset NAME|FILE evaluates routing (router, kNN, length, pipeline, random, oracle:"
        + " APGR with bootstrap intervals, frontier share and cost saved at 50/80/95%% of the"
        + " quality gap and at 95%% of frontier quality); --compression evaluates compression.")
public final class EvalCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  // ---- what to evaluate -------------------------------------------------------------------

  @Option(names = "--compression", description = "Context compression on the bundled agent"
      + " runs (tau-bench airline): prompt-token reduction and facts kept, per method.")
  boolean compression;

  @Option(names = "--dataset", paramLabel = "NAME|FILE", description = "Routing on a data set:"
      + " gsm8k, mt-bench, mmlu-pro, arena, or a JSON-lines file of labelled traffic (README).")
  String dataset;

  // ---- compression options ----------------------------------------------------------------

  @Option(names = "--method", split = ",", paramLabel = "METHOD",
      converter = MethodConverter.class,
      description = "Compression methods to evaluate: extractive, summary (default: both).")
  List<CompressionMethod> methods = List.of(CompressionMethod.EXTRACTIVE,
      CompressionMethod.SUMMARY);

  @Option(names = "--min-tokens", paramLabel = "N", description = "Evaluate calls over N prompt"
      + " tokens (default: the config's compression.min_prompt_tokens).")
  Integer minTokens;

  @Option(names = "--runs", paramLabel = "N",
      description = "Only the first N agent runs (default: all).")
  Integer runs;

  // ---- routing options --------------------------------------------------------------------

  @Option(names = "--small", paramLabel = "MODEL",
      description = "The cheap model of the pair (default: the set's default pair).")
  Optional<String> small = Optional.empty();

  @Option(names = "--frontier", paramLabel = "MODEL",
      description = "The frontier model of the pair (default: the set's default pair).")
  Optional<String> frontier = Optional.empty();

  @Option(names = "--small-price", paramLabel = "NAME",
      description = "Price-book name to price the small model with.")
  Optional<String> smallPrice = Optional.empty();

  @Option(names = "--frontier-price", paramLabel = "NAME",
      description = "Price-book name to price the frontier model with.")
  Optional<String> frontierPrice = Optional.empty();

  @Option(names = "--folds", defaultValue = "5",
      description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bootstrap", defaultValue = "1000",
      description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where prompt embeddings"
      + " are kept between runs (default: <data-dir>/embeddings).")
  Path cacheDir;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Where the routing"
      + " evaluation's HTML report and PNG charts go (default: <data-dir>/report).")
  Path reportDir;

  @Override
  public Integer call() {
    if (compression) {
      return compression();
    }
    if (dataset != null) {
      return routing();
    }
    throw new ParameterException(spec.commandLine(),
        "choose what to evaluate: --compression, or --dataset NAME|FILE for routing");
  }

  private int routing() {
    Path cache = cacheDir != null ? cacheDir : common.dataDir.resolve("embeddings");
    EvalReport report;
    try {
      RoutingDataset data = Datasets.load(dataset, small, frontier);
      PricedPairs pricing = new PricedPairs(prices(), smallPrice, frontierPrice);
      pricing.pair(data);
      report = new Evaluation(new Evaluation.Settings(folds, seed, bootstrap, 500))
          .run(data, new EmbeddingCache(Embedder.miniLm(), Optional.of(cache)), pricing);
    } catch (IllegalArgumentException e) {
      throw new FriendlyErrors.UserError(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? ReportRendering.json(report).toPrettyString() + "\n"
        : ReportRendering.text(report));
    out.flush();
    ReportFiles files = EvalReportPage.write(report,
        reportDir != null ? reportDir : common.dataDir.resolve("report"));
    PrintWriter notes = json ? spec.commandLine().getErr() : out;
    notes.println("Report: " + files.html() + "  (charts as PNG beside it)");
    notes.flush();
    return 0;
  }

  /** The bundled price book with the configuration's {@code prices:} over it. */
  private PriceBook prices() {
    return PriceBook.bundled().withOverrides(common.load().priceOverrides());
  }

  private int compression() {
    GatewayConfig config = common.load();
    CompressionSettings settings = config.compression();
    if (minTokens != null) {
      settings = settings.withMinPromptTokens(minTokens);
    }
    ModelSpec target = target(config, settings);
    List<Trajectory> trajectories = AgentTraces.bundled().trajectories();
    if (runs != null) {
      trajectories = trajectories.subList(0, Math.clamp(runs, 0, trajectories.size()));
    }
    PriceBook prices = prices();
    Embedder embedder = Embedder.miniLm();
    try (Summary summary = summariser(config)) {
      CompressionReport report = new CompressionEval(trajectories, target, settings,
          () -> embedder, (model, tokens) -> prices.cost(Accounting.priceKey(prices, model),
          Usage.counted(tokens, 0)), summary.summariser()).run(methods);
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? CompressionReportRendering.json(report).toPrettyString() + "\n"
          : CompressionReportRendering.table(report));
      out.flush();
    }
    return 0;
  }

  /** The model compression serves: the default model when its tier is compressed. */
  private static ModelSpec target(GatewayConfig config, CompressionSettings settings) {
    Optional<ModelSpec> preferred = config.model(config.routing().defaultModel())
        .filter(m -> settings.tiers().contains(m.tier()));
    return preferred.or(() -> config.models().stream()
            .filter(m -> settings.tiers().contains(m.tier())).findFirst())
        .orElseThrow(() -> new FriendlyErrors.UserError("no configured model is in a tier that"
            + " compression applies to (" + settings.tiers() + ")", null));
  }

  /** The small tier for the summary method, connected only when that method is evaluated. */
  private Summary summariser(GatewayConfig config) {
    if (!methods.contains(CompressionMethod.SUMMARY)) {
      return new Summary(Optional.empty());
    }
    try {
      return new Summary(Optional.of(ProviderSummariser.start(config,
          name -> Optional.ofNullable(System.getenv(name)), Clock.systemUTC())));
    } catch (IllegalArgumentException e) {
      throw new FriendlyErrors.UserError(e.getMessage() + "; or evaluate --method extractive",
          e);
    }
  }

  /** The summariser when one was started, closed after the evaluation. */
  private record Summary(Optional<ProviderSummariser> provider) implements AutoCloseable {
    Summariser summariser() {
      return request -> provider.orElseThrow().summarise(request);
    }

    @Override
    public void close() {
      provider.ifPresent(ProviderSummariser::close);
    }
  }

  /** Reads {@code extractive} and {@code summary}. */
  static final class MethodConverter implements ITypeConverter<CompressionMethod> {
    @Override
    public CompressionMethod convert(String value) {
      return CompressionMethod.named(value).orElseThrow(() -> new TypeConversionException(
          "'" + value + "' is not a compression method; use extractive or summary"));
    }
  }
}
