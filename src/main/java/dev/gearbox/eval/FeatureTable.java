package dev.gearbox.eval;

import dev.gearbox.route.PromptFeatures;
import dev.gearbox.route.PromptTraits;
import dev.gearbox.validate.AnswerFeatures;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the router models learn from, computed once per data set: prompt vectors, prompt
 * traits, the prompt model's feature rows for each {@link PromptFeatures} layout asked for, the
 * cheap answer's features (when the set has the small model's answers) and the labels: hard
 * (did the small model do as well?) for the answer scorer and the reports, soft
 * ({@link SoftLabels}, put on [0, 1]) for training the prompt model.
 */
final class FeatureTable {
  final RoutingDataset dataset;
  final float[][] embeddings;
  final PromptTraits[] traits;
  private final Map<PromptFeatures, double[][]> promptRows = new HashMap<>();
  final Optional<double[][]> answerRows;
  /** The cheap answer's features per example; null where the set has no answer text. */
  final double[][] answerRowsWherePresent;
  /** 1 where the small model did at least as well as the frontier model. */
  final double[] labels;
  /** The prompt model's training labels: (soft label + 1) / 2, in [0, 1]. */
  final double[] softLabels;

  private FeatureTable(RoutingDataset dataset, float[][] embeddings) {
    this.dataset = dataset;
    this.embeddings = embeddings;
    int n = dataset.size();
    traits = new PromptTraits[n];
    labels = new double[n];
    softLabels = new double[n];
    double[] soft = SoftLabels.of(dataset);
    for (int i = 0; i < n; i++) {
      RoutingExample e = dataset.examples().get(i);
      traits[i] = PromptTraits.ofText(e.prompt(), e.turn());
      labels[i] = dataset.smallSuffices(i) ? 1 : 0;
      softLabels[i] = (soft[i] + 1) / 2;
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

  /** A table whose prompt vectors are empty: for layouts that do not read the embedding. */
  static FeatureTable withoutEmbeddings(RoutingDataset dataset) {
    return new FeatureTable(dataset, new float[dataset.size()][0]);
  }

  int size() {
    return labels.length;
  }

  /** The prompt model's feature row of every example under {@code features}. */
  synchronized double[][] promptRows(PromptFeatures features) {
    return promptRows.computeIfAbsent(features, f -> {
      double[][] rows = new double[size()][];
      for (int i = 0; i < rows.length; i++) {
        float[] vector = embeddings[i];
        rows[i] = f.row(() -> vector, dataset.examples().get(i).prompt(), traits[i]);
      }
      return rows;
    });
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
    return pick(labels, indices);
  }

  double[] softLabels(int[] indices) {
    return pick(softLabels, indices);
  }

  private static double[] pick(double[] values, int[] indices) {
    double[] picked = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = values[indices[i]];
    }
    return picked;
  }
}
