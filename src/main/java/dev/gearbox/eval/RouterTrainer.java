package dev.gearbox.eval;

import dev.gearbox.route.Calibration;
import dev.gearbox.route.LogisticModel;
import dev.gearbox.route.PromptFeatures;
import dev.gearbox.route.QualityTarget;
import dev.gearbox.route.RouterModel;
import dev.gearbox.route.Threshold;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Trains a router file: holds out a share of the data (by group), trains the prompt classifier
 * on the rest, calibrates it on out-of-fold scores of the rest, trains the answer scorer where
 * the data has the small model's answers, and reports on the held-out part what the calibrated
 * threshold actually gives. The router file holds the model trained on the training part, so
 * the held-out report describes exactly the file written.
 */
public final class RouterTrainer {
  /** Calibration data kept in the router file, at most (a random subsample beyond it). */
  static final int MAX_CALIBRATION = 2000;

  private final Evaluation.Settings settings;

  public RouterTrainer(Evaluation.Settings settings) {
    this.settings = settings;
  }

  /** The trained router and a plain-text report of it. */
  public record Result(RouterModel model, String report) {}

  /** Trains a router whose prompt classifier reads {@code features}. */
  public Result train(RoutingDataset data, EmbeddingCache cache, QualityTarget target,
      PromptFeatures features) {
    CrossValidation.requireEnough(data, settings.folds());
    FeatureTable table = features.embedding()
        ? FeatureTable.build(data, cache) : FeatureTable.withoutEmbeddings(data);
    int[] folds = CrossValidation.folds(
        data.examples().stream().map(RoutingExample::group).toList(), settings.folds(),
        settings.seed());
    int[] heldOut = indices(folds, 0, true);
    int[] train = indices(folds, 0, false);
    double[] trainScores =
        Policies.innerRouterScores(table, features, train, settings.folds(), settings.seed());
    LogisticModel router = Policies.trainRouter(table, features, train);
    Calibration calibration = calibration(data, train, trainScores);
    Optional<AnswerScorer> answer = answerScorer(table, train, trainScores);
    RouterModel model = new RouterModel(cache.embedder().modelName(), features,
        describe(data, train.length), router, calibration,
        answer.map(AnswerScorer::model), answer.map(AnswerScorer::calibration));
    String report = report(data, table, heldOut, model, target);
    return new Result(model, report);
  }

  private record AnswerScorer(LogisticModel model, Calibration calibration) {}

  private Optional<AnswerScorer> answerScorer(
      FeatureTable table, int[] train, double[] trainScores) {
    double[] scoreOf = new double[table.size()];
    for (int t = 0; t < train.length; t++) {
      scoreOf[train[t]] = trainScores[t];
    }
    int[] answered = Arrays.stream(train)
        .filter(i -> table.answerRowsWherePresent[i] != null).toArray();
    if (answered.length < 50) {
      return Optional.empty();
    }
    double[] routerScores = Arrays.stream(answered).mapToDouble(i -> scoreOf[i]).toArray();
    LogisticModel model = Policies.trainAnswerModel(table, answered, routerScores);
    int[] inner = new int[table.size()];
    int[] innerOfAnswered = CrossValidation.folds(Arrays.stream(answered)
        .mapToObj(i -> table.dataset.examples().get(i).group()).toList(), settings.folds(),
        settings.seed());
    for (int t = 0; t < answered.length; t++) {
      inner[answered[t]] = innerOfAnswered[t];
    }
    double[] oof = CrossValidation.outOfFold(answered, inner, settings.folds(), fit -> {
      double[] fitScores = Arrays.stream(fit).mapToDouble(i -> scoreOf[i]).toArray();
      LogisticModel m = Policies.trainAnswerModel(table, fit, fitScores);
      return i -> m.probability(Policies.answerRow(table, i, scoreOf[i]));
    });
    return Optional.of(new AnswerScorer(model, calibration(table.dataset, answered, oof)));
  }

  private Calibration calibration(RoutingDataset data, int[] indices, double[] scores) {
    int[] keep = subsample(indices.length);
    double[] s = new double[keep.length];
    double[] qs = new double[keep.length];
    double[] qf = new double[keep.length];
    for (int k = 0; k < keep.length; k++) {
      s[k] = scores[keep[k]];
      qs[k] = data.smallQuality(indices[keep[k]]);
      qf[k] = data.frontierQuality(indices[keep[k]]);
    }
    return new Calibration(s, qs, qf);
  }

  private int[] subsample(int n) {
    int[] all = CrossValidation.all(n);
    if (n <= MAX_CALIBRATION) {
      return all;
    }
    SplittableRandom random = new SplittableRandom(settings.seed());
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    int[] picked = Arrays.copyOf(all, MAX_CALIBRATION);
    Arrays.sort(picked);
    return picked;
  }

  private String report(RoutingDataset data, FeatureTable table, int[] heldOut,
      RouterModel model, QualityTarget target) {
    double[] scores = Arrays.stream(heldOut)
        .mapToDouble(i -> model.promptModel().probability(
            table.promptRows(model.features())[i])).toArray();
    Outcomes outcomes = unitCostOutcomes(data, heldOut);
    RoutingCurve curve = RoutingCurve.of(scores, outcomes, RoutingCurve.Mode.ROUTE);
    Threshold threshold = model.calibration().threshold(target);
    Calibration heldOutCalibration = new Calibration(scores, outcomes.smallQuality(),
        outcomes.frontierQuality());
    double share = Arrays.stream(scores).filter(s -> s < threshold.value()).count()
        / (double) scores.length;
    double quality = qualityAt(scores, outcomes, threshold.value());
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "trained on %s%n", model.trainedOn()));
    out.append(String.format(Locale.ROOT, "prompt classifier reads: %s%n",
        model.features().describe()));
    out.append(String.format(Locale.ROOT, "held out: %d requests (by group, %d%% of the data)%n",
        heldOut.length, 100 / settings.folds()));
    out.append(String.format(Locale.ROOT, "held-out APGR of the prompt classifier: %.3f%n",
        curve.apgr()));
    out.append(String.format(Locale.ROOT,
        "target %s: threshold %.4f; on training data (out of fold) %.1f%% to the frontier,"
            + " %.1f%% of frontier quality%n", target.describe(), threshold.value(),
        100 * threshold.frontierShare(), 100 * threshold.qualityRatio()));
    out.append(String.format(Locale.ROOT,
        "on held-out data: %.1f%% to the frontier, %.1f%% of frontier quality"
            + " (the held-out data alone would have needed threshold %.4f)%n", 100 * share,
        100 * quality / outcomes.meanFrontierQuality(),
        heldOutCalibration.threshold(target).value()));
    model.answerModel().ifPresent(m -> out.append(
        "answer scorer: trained on the examples with the small model's answers ("
            + model.answerCalibration().orElseThrow().size() + " calibration points)\n"));
    out.append(String.format(Locale.ROOT, "labelled examples: %d%s%n", data.size(),
        data.size() < Evaluation.TRUSTWORTHY_EXAMPLES ? "" : " (enough: a trustworthy router"
            + " needs a few hundred in-domain examples at least)"));
    Evaluation.noGap(unitCostOutcomes(data, CrossValidation.all(data.size())))
        .ifPresent(warning -> out.append("warning: ").append(warning).append('\n'));
    if (data.size() < Evaluation.TRUSTWORTHY_EXAMPLES) {
      out.append("warning: only ").append(data.size()).append(" labelled examples; a"
          + " trustworthy router needs a few hundred in-domain examples at least ("
          + Evaluation.TRUSTWORTHY_EXAMPLES + "+)\n");
    }
    return out.toString();
  }

  private static double qualityAt(double[] scores, Outcomes outcomes, double threshold) {
    double total = 0;
    for (int i = 0; i < scores.length; i++) {
      total += scores[i] >= threshold
          ? outcomes.smallQuality()[i] : outcomes.frontierQuality()[i];
    }
    return total / scores.length;
  }

  private static Outcomes unitCostOutcomes(RoutingDataset data, int[] indices) {
    int n = indices.length;
    double[] qs = new double[n];
    double[] qf = new double[n];
    double[] cs = new double[n];
    double[] cf = new double[n];
    for (int k = 0; k < n; k++) {
      qs[k] = data.smallQuality(indices[k]);
      qf[k] = data.frontierQuality(indices[k]);
      cf[k] = 1;
    }
    return new Outcomes(qs, qf, cs, cf);
  }

  private static int[] indices(int[] folds, int fold, boolean in) {
    return java.util.stream.IntStream.range(0, folds.length)
        .filter(i -> (folds[i] == fold) == in).toArray();
  }

  private static String describe(RoutingDataset data, int trainSize) {
    return String.format(Locale.ROOT, "%s: %s vs %s, %d training examples", data.name(),
        data.smallModel(), data.frontierModel(), trainSize);
  }
}
