package dev.gearbox.cli;

import dev.gearbox.cost.PriceBook;
import dev.gearbox.embed.Embedder;
import dev.gearbox.eval.Datasets;
import dev.gearbox.eval.EmbeddingCache;
import dev.gearbox.eval.EvalReport;
import dev.gearbox.eval.Evaluation;
import dev.gearbox.eval.PricedPairs;
import dev.gearbox.eval.ReportRendering;
import dev.gearbox.eval.RoutingDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gearbox eval}: cross-validated cost–quality report of the routing policies on a
 * bundled data set or the operator's own labelled traffic.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate routing (router, kNN, length, pipeline, random, oracle) on a data"
        + " set: APGR with bootstrap intervals, frontier share and cost saved at 50/80/95% of"
        + " the quality gap and at 95% of frontier quality.")
public final class EvalCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "NAME|FILE",
      description = "gsm8k, mt-bench, mmlu-pro, arena, or a JSON-lines file (see README).")
  private String dataset;

  @Option(names = "--small", paramLabel = "MODEL",
      description = "The cheap model of the pair (default: the set's default pair).")
  private Optional<String> small = Optional.empty();

  @Option(names = "--frontier", paramLabel = "MODEL",
      description = "The frontier model of the pair (default: the set's default pair).")
  private Optional<String> frontier = Optional.empty();

  @Option(names = "--small-price", paramLabel = "NAME",
      description = "Price-book name to price the small model with.")
  private Optional<String> smallPrice = Optional.empty();

  @Option(names = "--frontier-price", paramLabel = "NAME",
      description = "Price-book name to price the frontier model with.")
  private Optional<String> frontierPrice = Optional.empty();

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds"
      + " (default: ${DEFAULT-VALUE}).")
  private int folds;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default:"
      + " ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples"
      + " (default: ${DEFAULT-VALUE}).")
  private int bootstrap;

  @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = "gearbox-data/embeddings",
      description = "Where prompt embeddings are kept between runs (default: ${DEFAULT-VALUE}).")
  private Path cacheDir;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  private boolean json;

  @Override
  public Integer call() {
    RoutingDataset data = Datasets.load(dataset, small, frontier);
    EmbeddingCache cache = new EmbeddingCache(Embedder.miniLm(), Optional.of(cacheDir));
    EvalReport report = new Evaluation(new Evaluation.Settings(folds, seed, bootstrap, 500))
        .run(data, cache, new PricedPairs(PriceBook.bundled(), smallPrice, frontierPrice));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? ReportRendering.json(report).toPrettyString() + "\n"
        : ReportRendering.text(report));
    out.flush();
    return 0;
  }
}
