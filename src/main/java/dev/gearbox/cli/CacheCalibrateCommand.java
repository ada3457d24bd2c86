package dev.gearbox.cli;

import dev.gearbox.cache.Calibration;
import dev.gearbox.cache.CalibrationScores;
import dev.gearbox.cache.CalibrationSet;
import dev.gearbox.cache.SemanticSettings;
import dev.gearbox.cache.TemperaturePolicy;
import dev.gearbox.embed.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gearbox cache-calibrate}: re-derives the semantic cache's calibration scores from the
 * shipped paraphrase pairs (or other pairs in the same format) and prints the threshold they give.
 */
@Command(
    name = "cache-calibrate",
    mixinStandardHelpOptions = true,
    description = "Score paraphrase pairs ({origin, similar} JSON) for the semantic cache's"
        + " threshold; write the scores the gateway ships.")
public final class CacheCalibrateCommand implements Callable<Integer> {
  private static final String BUNDLED_PAIRS = "/cache/calibration/gptcache-paraphrase-pairs.json";

  @Spec private CommandSpec spec;

  @Option(names = "--pairs", paramLabel = "FILE",
      description = "JSON array of {origin, similar} (default: the GPTCache pairs in the jar).")
  private Optional<Path> pairs = Optional.empty();

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the scores (JSONL); without it they are only summarised.")
  private Optional<Path> out = Optional.empty();

  @Option(names = "--max-false-hit-rate", paramLabel = "RATE", defaultValue = "0.01",
      description = "The bound to choose a threshold for (default: ${DEFAULT-VALUE}).")
  private double maxFalseHitRate;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    byte[] json = pairs.isPresent() ? Files.readAllBytes(pairs.get()) : bundledPairs();
    CalibrationScores scores = CalibrationSet.score(json, Embedder.miniLm(),
        SemanticSettings.of(0.9, TemperaturePolicy.ANY),
        done -> err.println("cache-calibrate: " + done + " texts embedded"));
    if (out.isPresent()) {
      Files.writeString(out.get(), scores.write(), StandardCharsets.UTF_8);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(Calibration.choose(scores.queries(), maxFalseHitRate, scores.description())
        .map(t -> t.summary())
        .orElse("no threshold keeps false hits within the bound on " + scores.description()));
    stdout.flush();
    return 0;
  }

  private static byte[] bundledPairs() {
    try (InputStream in = CacheCalibrateCommand.class.getResourceAsStream(BUNDLED_PAIRS)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + BUNDLED_PAIRS);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
