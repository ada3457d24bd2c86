package dev.gearbox.eval;

import dev.gearbox.route.PromptTraits;
import dev.gearbox.route.RouterFeatures;
import dev.gearbox.validate.AnswerFeatures;
import java.util.Optional;

/**
 * Everything the router models learn from, computed once per data set: prompt vectors, prompt
 * traits, the prompt model's feature rows, the cheap answer's features (when the set has the
 * small model's answers) and the labels.
 */
final class FeatureTable {
  final RoutingDataset dataset;
  final float[][] embeddings;
  final PromptTraits[] traits;
  final double[][] promptRows;
  final Optional<double[][]> answerRows;
  /** The cheap answer's features per example; null where the set has no answer text. */
  final double[][] answerRowsWherePresent;
  /** 1 where the small model did at least as well as the frontier model. */
  final double[] labels;

  private FeatureTable(RoutingDataset dataset, float[][] embeddings) {
    this.dataset = dataset;
    this.embeddings = embeddings;
    int n = dataset.size();
    traits = new PromptTraits[n];
    promptRows = new double[n][];
    labels = new double[n];
    for (int i = 0; i < n; i++) {
      RoutingExample e = dataset.examples().get(i);
      traits[i] = PromptTraits.ofText(e.prompt(), e.turn());
      promptRows[i] = RouterFeatures.prompt(embeddings[i], traits[i]);
      labels[i] = dataset.smallSuffices(i) ? 1 : 0;
    }
    answerRowsWherePresent = answerRows(dataset);
    answerRows = dataset.hasSmallAnswers()
        ? Optional.of(answerRowsWherePresent) : Optional.empty();
  }

  static FeatureTable build(RoutingDataset dataset, EmbeddingCache cache) {
    float[][] vectors =
        cache.vectors(dataset.examples().stream().map(RoutingExample::prompt).toList());
    return new FeatureTable(dataset, vectors);
  }

  int size() {
    return labels.length;
  }

  /** The indices of the examples that carry the small model's answer. */
  int[] withAnswers() {
    return java.util.stream.IntStream.range(0, size())
        .filter(i -> answerRowsWherePresent[i] != null).toArray();
  }

  private static double[][] answerRows(RoutingDataset dataset) {
    double[][] rows = new double[dataset.size()][];
    for (int i = 0; i < rows.length; i++) {
      RoutingExample e = dataset.examples().get(i);
      rows[i] = e.answer(dataset.smallModel())
          .map(answer -> AnswerFeatures.of(e.prompt(), answer)).orElse(null);
    }
    return rows;
  }

  double[][] rows(double[][] all, int[] indices) {
    double[][] picked = new double[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = all[indices[i]];
    }
    return picked;
  }

  double[] labels(int[] indices) {
    double[] picked = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = labels[indices[i]];
    }
    return picked;
  }
}
