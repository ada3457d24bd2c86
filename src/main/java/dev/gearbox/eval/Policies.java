package dev.gearbox.eval;

import dev.gearbox.route.LogisticModel;
import dev.gearbox.route.PromptFeatures;
import dev.gearbox.route.PromptTraits;
import dev.gearbox.route.RouterFeatures;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * The routing policies an evaluation compares, each a way of scoring a request by how surely
 * the small model suffices. {@code router} is the one Gearbox serves (logistic regression on the
 * prompt's hashed terms and traits, trained on soft labels); {@code router+embedding} reads the
 * MiniLM embedding as well; {@code knn} is the nearest-neighbour router of the RouteLLM
 * baselines; {@code length} routes long prompts to the frontier first; {@code pipeline} adds
 * the cascade's answer scorer, which reads the small model's answer.
 */
final class Policies {
  static final int KNN_NEIGHBOURS = 50;

  private Policies() {}

  /** Logistic regression on the prompt model's features laid out as {@code features}. */
  static CrossValidation.Fitter router(FeatureTable table, PromptFeatures features) {
    double[][] rows = table.promptRows(features);
    return train -> {
      LogisticModel model = trainRouter(table, features, train);
      return i -> model.probability(rows[i]);
    };
  }

  /**
   * The prompt model, trained on soft labels: a request where both tiers did equally well
   * counts half way between one the small model won and one it lost, and where a set records
   * many models their peers' outcomes refine it (see {@link SoftLabels}). On the bundled sets
   * this lifted 5-fold APGR over training on the pair's right/wrong (GSM8K 0.651 to 0.666,
   * MMLU-Pro 0.559 to 0.562 with the same features).
   */
  static LogisticModel trainRouter(FeatureTable table, PromptFeatures features, int[] train) {
    return LogisticModel.train(table.rows(table.promptRows(features), train),
        table.softLabels(train), RouterFeatures.PROMPT_PENALTY,
        features.fixedColumns(table.embeddings[0].length));
  }

  /** The share of the k most similar training prompts on which the small model sufficed. */
  static CrossValidation.Fitter knn(FeatureTable table) {
    return knn(table, table.labels);
  }

  /**
   * kNN on soft labels: how much worse the models near the small one did than the models near
   * the frontier on the neighbours (see {@link SoftLabels}). Where a set records many models
   * (MMLU-Pro: 31) this label is far less noisy than one pair's right/wrong.
   */
  static CrossValidation.Fitter knnSoft(FeatureTable table) {
    return knn(table, SoftLabels.of(table.dataset));
  }

  private static CrossValidation.Fitter knn(FeatureTable table, double[] labels) {
    return train -> {
      int k = Math.min(KNN_NEIGHBOURS, Math.max(1, train.length / 10));
      return i -> neighbourMean(table, labels, train, i, k);
    };
  }

  private static double neighbourMean(
      FeatureTable table, double[] labels, int[] train, int query, int k) {
    float[] q = table.embeddings[query];
    double[] similarity = new double[train.length];
    for (int t = 0; t < train.length; t++) {
      float[] v = table.embeddings[train[t]];
      double dot = 0;
      for (int j = 0; j < q.length; j++) {
        dot += q[j] * v[j];
      }
      similarity[t] = dot;
    }
    Integer[] order = new Integer[train.length];
    Arrays.setAll(order, t -> t);
    Arrays.sort(order, (a, b) -> Double.compare(similarity[b], similarity[a]));
    double sum = 0;
    for (int t = 0; t < k; t++) {
      sum += labels[train[order[t]]];
    }
    return sum / k;
  }

  /** Longer prompts are sent to the frontier first. */
  static double[] length(FeatureTable table) {
    return Arrays.stream(table.traits).mapToDouble(t -> -t.promptChars()).toArray();
  }

  /**
   * Router and cascade together: every request tries the small model, and the answer scorer
   * (router score, prompt traits and the answer's features) decides which to escalate. The
   * router score of a training example comes from an inner cross-validation, as it would be
   * for an unseen request, so the scorer does not learn to over-trust it.
   */
  static CrossValidation.Fitter pipeline(
      FeatureTable table, PromptFeatures features, int innerFolds, long seed) {
    double[][] answers = table.answerRows.orElseThrow();
    double[][] rows = table.promptRows(features);
    return train -> {
      double[] trainRouterScores = innerRouterScores(table, features, train, innerFolds, seed);
      LogisticModel router = trainRouter(table, features, train);
      LogisticModel scorer = trainAnswerModel(table, train, trainRouterScores);
      IntToDoubleFunction score = i -> scorer.probability(
          answerRow(table, answers, i, router.probability(rows[i])));
      return score;
    };
  }

  /** Router scores of the {@code train} examples, each from a model that did not see it. */
  static double[] innerRouterScores(
      FeatureTable table, PromptFeatures features, int[] train, int folds, long seed) {
    List<String> groups = Arrays.stream(train)
        .mapToObj(i -> table.dataset.examples().get(i).group()).toList();
    int[] inner = new int[table.size()];
    int[] innerOfTrain = CrossValidation.folds(groups, folds, seed);
    for (int t = 0; t < train.length; t++) {
      inner[train[t]] = innerOfTrain[t];
    }
    return CrossValidation.outOfFold(train, inner, folds, router(table, features));
  }

  /** The answer scorer, trained on {@code train} (all with answers) and their router scores. */
  static LogisticModel trainAnswerModel(FeatureTable table, int[] train, double[] routerScores) {
    double[][] rows = new double[train.length][];
    for (int t = 0; t < train.length; t++) {
      rows[t] = answerRow(table, table.answerRowsWherePresent, train[t], routerScores[t]);
    }
    return LogisticModel.train(rows, table.labels(train), RouterFeatures.ANSWER_PENALTY, 0);
  }

  static double[] answerRow(FeatureTable table, int i, double routerScore) {
    return answerRow(table, table.answerRowsWherePresent, i, routerScore);
  }

  private static double[] answerRow(
      FeatureTable table, double[][] answers, int i, double routerScore) {
    PromptTraits traits = table.traits[i];
    return RouterFeatures.answer(routerScore, traits, answers[i]);
  }
}
