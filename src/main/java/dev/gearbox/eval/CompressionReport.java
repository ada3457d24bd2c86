package dev.gearbox.eval;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@code gearbox eval --compression}: each method's token reduction and facts
 * kept on the bundled agent runs, and the settings they ran with.
 */
public record CompressionReport(
    String dataset,
    String targetModel,
    String tokenizer,
    int minPromptTokens,
    int keepLastTurns,
    double targetRatio,
    List<MethodResult> methods) {

  public CompressionReport {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(targetModel, "targetModel");
    Objects.requireNonNull(tokenizer, "tokenizer");
    methods = List.copyOf(methods);
  }
}
