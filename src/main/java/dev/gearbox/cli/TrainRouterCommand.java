package dev.gearbox.cli;

import dev.gearbox.embed.Embedder;
import dev.gearbox.eval.Datasets;
import dev.gearbox.eval.EmbeddingCache;
import dev.gearbox.eval.Evaluation;
import dev.gearbox.eval.RouterTrainer;
import dev.gearbox.eval.RoutingDataset;
import dev.gearbox.route.PromptFeatures;
import dev.gearbox.route.QualityTarget;
import dev.gearbox.route.RouterFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gearbox train-router}: trains the prompt classifier (and, where the data has the small
 * model's answers, the cascade's answer scorer), calibrates them, reports on a held-out split
 * and writes a router file for {@code routing.router}.
 */
@Command(
    name = "train-router",
    mixinStandardHelpOptions = true,
    description = "Train, calibrate and write a router file; report on a held-out split.")
public final class TrainRouterCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--dataset", required = true, split = ",", paramLabel = "NAME|FILE",
      description = "gsm8k, mt-bench, mmlu-pro, arena or a JSON-lines file; several, comma"
          + " separated, are combined (each set's pair renamed small/frontier).")
  private List<String> datasets;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The router file to write.")
  private Path out;

  @Option(names = "--small", paramLabel = "MODEL", description = "The cheap model of the pair.")
  private Optional<String> small = Optional.empty();

  @Option(names = "--frontier", paramLabel = "MODEL",
      description = "The frontier model of the pair.")
  private Optional<String> frontier = Optional.empty();

  @Option(names = "--quality-floor", paramLabel = "FRACTION",
      description = "Report at this quality floor (default 0.95).")
  private Optional<Double> qualityFloor = Optional.empty();

  @Option(names = "--frontier-share", paramLabel = "SHARE",
      description = "Report at this frontier share instead of a quality floor.")
  private Optional<Double> frontierShare = Optional.empty();

  @Option(names = "--max-per-set", paramLabel = "N", description = "Use at most N examples of"
      + " each set (a seeded sample), so one large set does not drown the others.")
  private Optional<Integer> maxPerSet = Optional.empty();

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default:"
      + " ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--embedding", description = "Let the prompt classifier read the prompt's"
      + " MiniLM embedding beside its words and traits (slower to serve: the embedding costs"
      + " milliseconds per request when the semantic cache has not computed it).")
  private boolean embedding;

  @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = "gearbox-data/embeddings",
      description = "Where prompt embeddings are kept between runs (default: ${DEFAULT-VALUE}).")
  private Path cacheDir;

  @Override
  public Integer call() {
    List<RoutingDataset> sets = new ArrayList<>();
    for (String name : datasets) {
      RoutingDataset set;
      try {
        set = Datasets.load(name, small, frontier);
      } catch (IllegalArgumentException e) {
        throw new FriendlyErrors.UserError(e.getMessage(), e);
      }
      sets.add(maxPerSet.map(max -> Datasets.sample(set, max, seed)).orElse(set));
    }
    RoutingDataset data = sets.size() == 1
        ? sets.getFirst()
        : RoutingDataset.combined(String.join("+", datasets), sets);
    QualityTarget target = frontierShare.<QualityTarget>map(QualityTarget.FrontierShare::new)
        .orElse(new QualityTarget.QualityFloor(qualityFloor.orElse(0.95)));
    EmbeddingCache cache = new EmbeddingCache(Embedder.miniLm(), Optional.of(cacheDir));
    RouterTrainer.Result result = new RouterTrainer(
        new Evaluation.Settings(5, seed, 1, 1)).train(data, cache, target,
            embedding ? PromptFeatures.EMBEDDING_AND_TERMS : PromptFeatures.TERMS);
    RouterFile.write(result.model(), out);
    PrintWriter writer = spec.commandLine().getOut();
    writer.print(result.report());
    writer.println("router written to " + out);
    writer.flush();
    return 0;
  }
}
