package dev.gearbox.cli;

import dev.gearbox.cache.CalibratedThreshold;
import dev.gearbox.cache.Calibration;
import dev.gearbox.cache.EvalReport;
import dev.gearbox.cache.LabelledPairs;
import dev.gearbox.cache.ScoredQuery;
import dev.gearbox.cache.SemanticSettings;
import dev.gearbox.cache.TemperaturePolicy;
import dev.gearbox.embed.Embedder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gearbox cache-eval}: how the semantic cache does on labelled question pairs. Caches
 * every {@code text_a}, looks up every {@code text_b}, and reports the threshold used, the hit
 * rate on true duplicates and the false-hit rate, with and without the false-hit guards.
 */
@Command(
    name = "cache-eval",
    mixinStandardHelpOptions = true,
    description = "Measure the semantic cache on labelled pairs (JSONL: text_a, text_b, label"
        + " 1 = same question): hit rate on duplicates and false-hit rate, guarded and not.")
public final class CacheEvalCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--pairs", paramLabel = "FILE", required = true,
      description = "Labelled pairs, one JSON object per line.")
  private Path pairs;

  @Option(names = "--json", description = "Print JSON instead of text.")
  private boolean json;

  @Option(names = "--max-false-hit-rate", paramLabel = "RATE", defaultValue = "0.01",
      description = "The bound the threshold is calibrated to (default: ${DEFAULT-VALUE}), as"
          + " the gateway's cache.semantic.max_false_hit_rate.")
  private double maxFalseHitRate;

  @Option(names = "--threshold", paramLabel = "COSINE",
      description = "Use this similarity threshold instead of the calibrated one.")
  private Optional<Double> threshold = Optional.empty();

  @Option(names = "--sweep", description = "Also report thresholds 0.80 to 0.98 (the trade-off).")
  private boolean sweep;

  @Option(names = "--examples", paramLabel = "N", defaultValue = "0",
      description = "Also list the N most similar wrong hits (default: ${DEFAULT-VALUE}).")
  private int examples;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(pairs)) {
      throw new ParameterException(spec.commandLine(), "no pairs file at " + pairs);
    }
    double used = threshold.orElseGet(() -> calibrated().threshold());
    String source = threshold.isPresent()
        ? String.format(Locale.ROOT, "%.3f (given with --threshold)", used)
        : calibrated().summary();
    List<LabelledPairs.Pair> labelled;
    try {
      labelled = LabelledPairs.read(pairs);
    } catch (IllegalArgumentException e) {
      throw new FriendlyErrors.UserError(e.getMessage(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    List<ScoredQuery> scored = LabelledPairs.score(labelled, Embedder.miniLm(),
        SemanticSettings.of(used, TemperaturePolicy.ANY),
        done -> err.println("cache-eval: " + done + " texts embedded"));
    EvalReport report =
        EvalReport.of(pairs.toString(), source, scored, used, sweep ? grid() : List.of(),
            Math.max(0, examples));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report.json().toPrettyString() + "\n" : report.text());
    out.flush();
    return 0;
  }

  private CalibratedThreshold calibrated() {
    return Calibration.bundled(maxFalseHitRate).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "no threshold keeps false hits within " + maxFalseHitRate
            + " on the calibration pairs; give one with --threshold"));
  }

  private static List<Double> grid() {
    List<Double> grid = new ArrayList<>();
    for (int perCent = 80; perCent <= 98; perCent += 2) {
      grid.add(perCent / 100.0);
    }
    return grid;
  }
}
