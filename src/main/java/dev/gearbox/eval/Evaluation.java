package dev.gearbox.eval;

import dev.gearbox.route.PromptFeatures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Cross-validated evaluation of routing policies on one data set: out-of-fold scores for each
 * policy, their cost–quality curves, a bootstrap interval for each APGR, and the band that
 * random routing falls in on this very set. Deterministic for a given seed.
 *
 * <p>The protocol follows RouteLLM's: APGR over the frontier share; operating points where 50%,
 * 80% and 95% of the quality gap is recovered and where 95% of the frontier's quality is kept.
 * Bootstrap resamples requests with their out-of-fold scores fixed; the random band is the
 * central 95% of APGR over random orderings, so an APGR whose interval overlaps it shows no
 * signal this set can confirm.
 */
public final class Evaluation {
  /** How many examples a router needs before its numbers are worth trusting. */
  public static final int TRUSTWORTHY_EXAMPLES = 300;

  static final double[] GAP_GOALS = {0.50, 0.80, 0.95};
  static final double QUALITY_GOAL = 0.95;

  /** The protocol's knobs. */
  public record Settings(int folds, long seed, int bootstrapSamples, int randomSamples) {
    public static final Settings DEFAULT = new Settings(5, 42, 1000, 500);

    public Settings {
      if (folds < 2 || bootstrapSamples < 1 || randomSamples < 1) {
        throw new IllegalArgumentException("need >= 2 folds and >= 1 resample");
      }
    }
  }

  private final Settings settings;

  public Evaluation(Settings settings) {
    this.settings = settings;
  }

  /** Evaluates every applicable policy on {@code dataset}. */
  public EvalReport run(RoutingDataset dataset, EmbeddingCache cache, PricedPairs pricing) {
    CrossValidation.requireEnough(dataset, settings.folds());
    FeatureTable table = FeatureTable.build(dataset, cache);
    Outcomes outcomes = pricing.pair(dataset).outcomes(dataset);
    int[] folds = CrossValidation.folds(
        dataset.examples().stream().map(RoutingExample::group).toList(), settings.folds(),
        settings.seed());
    int[] all = CrossValidation.all(dataset.size());
    List<PolicyReport> policies = new ArrayList<>();
    policies.add(report("router", RoutingCurve.Mode.ROUTE, outcomes, CrossValidation.outOfFold(
        all, folds, settings.folds(), Policies.router(table, PromptFeatures.TERMS))));
    policies.add(report("router+embedding", RoutingCurve.Mode.ROUTE, outcomes,
        CrossValidation.outOfFold(all, folds, settings.folds(),
            Policies.router(table, PromptFeatures.EMBEDDING_AND_TERMS))));
    policies.add(report("knn", RoutingCurve.Mode.ROUTE, outcomes,
        CrossValidation.outOfFold(all, folds, settings.folds(), Policies.knn(table))));
    policies.add(report("knn-soft", RoutingCurve.Mode.ROUTE, outcomes,
        CrossValidation.outOfFold(all, folds, settings.folds(), Policies.knnSoft(table))));
    policies.add(report("length", RoutingCurve.Mode.ROUTE, outcomes, Policies.length(table)));
    if (table.answerRows.isPresent()) {
      policies.add(report("pipeline", RoutingCurve.Mode.CASCADE, outcomes,
          CrossValidation.outOfFold(all, folds, settings.folds(),
              Policies.pipeline(table, PromptFeatures.TERMS, settings.folds(),
                  settings.seed()))));
    }
    policies.add(baseline("random", outcomes, new double[dataset.size()]));
    policies.add(baseline("oracle", outcomes, oracleScores(outcomes)));
    Interval band = randomBand(outcomes);
    return new EvalReport(dataset.name(), dataset.size(), dataset.smallModel(),
        dataset.frontierModel(), outcomes.meanSmallQuality(), outcomes.meanFrontierQuality(),
        settings.folds(), settings.bootstrapSamples(), band, policies,
        notes(dataset, outcomes, policies, band));
  }

  /** Small suffices most surely where the frontier gains least: the best possible order. */
  static double[] oracleScores(Outcomes outcomes) {
    double[] scores = new double[outcomes.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = outcomes.smallQuality()[i] - outcomes.frontierQuality()[i];
    }
    return scores;
  }

  PolicyReport report(String name, RoutingCurve.Mode mode, Outcomes outcomes, double[] scores) {
    RoutingCurve curve = RoutingCurve.of(scores, outcomes, mode);
    Interval[] intervals = bootstrap(scores, outcomes, mode);
    return new PolicyReport(name, label(mode), curve.apgr(), Optional.of(intervals[0]),
        curve.apgrOnCost(), Optional.of(intervals[1]), points(curve, outcomes), curve.points());
  }

  private PolicyReport baseline(String name, Outcomes outcomes, double[] scores) {
    RoutingCurve curve = RoutingCurve.of(scores, outcomes, RoutingCurve.Mode.ROUTE);
    return new PolicyReport(name, "route", curve.apgr(), Optional.empty(), curve.apgrOnCost(),
        Optional.empty(), points(curve, outcomes), curve.points());
  }

  private static String label(RoutingCurve.Mode mode) {
    return switch (mode) {
      case ROUTE -> "route";
      case CASCADE -> "cascade";
    };
  }

  static List<OperatingPoint> points(RoutingCurve curve, Outcomes outcomes) {
    List<OperatingPoint> points = new ArrayList<>();
    for (double goal : GAP_GOALS) {
      points.add(point("gap_" + Math.round(goal * 100), curve.firstRecovering(goal), curve,
          outcomes));
    }
    points.add(point("quality_" + Math.round(QUALITY_GOAL * 100),
        curve.firstReaching(QUALITY_GOAL * curve.frontierQuality()), curve, outcomes));
    return points;
  }

  private static OperatingPoint point(String goal, Optional<RoutingCurve.Point> found,
      RoutingCurve curve, Outcomes outcomes) {
    RoutingCurve.Point p = found.orElse(curve.points().getLast());
    double allFrontier = outcomes.totalFrontierCost();
    double savedShare = 1 - p.costShare();
    BigDecimal per1k = BigDecimal.valueOf(allFrontier * savedShare * 1000 / outcomes.size())
        .setScale(4, RoundingMode.HALF_EVEN);
    return new OperatingPoint(goal, found.isPresent(), p.frontierShare(), p.quality(),
        savedShare, per1k);
  }

  /** 95% intervals of APGR over frontier share and over cost, in that order. */
  private Interval[] bootstrap(double[] scores, Outcomes outcomes, RoutingCurve.Mode mode) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    int n = outcomes.size();
    double[] values = new double[settings.bootstrapSamples()];
    double[] onCost = new double[settings.bootstrapSamples()];
    for (int b = 0; b < values.length; b++) {
      int[] pick = new int[n];
      double[] picked = new double[n];
      for (int i = 0; i < n; i++) {
        pick[i] = random.nextInt(n);
        picked[i] = scores[pick[i]];
      }
      RoutingCurve curve = RoutingCurve.of(picked, outcomes.select(pick), mode);
      values[b] = curve.apgr();
      onCost[b] = curve.apgrOnCost();
    }
    return new Interval[] {central95(values), central95(onCost)};
  }

  private Interval randomBand(Outcomes outcomes) {
    SplittableRandom random = new SplittableRandom(settings.seed() + 1);
    double[] values = new double[settings.randomSamples()];
    for (int r = 0; r < values.length; r++) {
      double[] scores = new double[outcomes.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = random.nextDouble();
      }
      values[r] = RoutingCurve.of(scores, outcomes, RoutingCurve.Mode.ROUTE).apgr();
    }
    return central95(values);
  }

  /**
   * The warning for a set on which the frontier model is no better than the small one: there
   * is no gap to recover, so APGR and the gap columns measure nothing and the small tier alone
   * is the cheapest answer at no loss.
   */
  static Optional<String> noGap(Outcomes outcomes) {
    double small = outcomes.meanSmallQuality();
    double frontier = outcomes.meanFrontierQuality();
    if (frontier > small) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "no quality gap to recover: the small model"
        + " scored %.3f and the frontier %.3f, so sending every request to the small tier loses"
        + " nothing here; APGR and the gap columns (shares of that gap) mean nothing on this set",
        small, frontier));
  }

  static Interval central95(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int lo = (int) Math.floor(0.025 * (sorted.length - 1));
    int hi = (int) Math.ceil(0.975 * (sorted.length - 1));
    return new Interval(sorted[lo], sorted[hi]);
  }

  private static List<String> notes(RoutingDataset dataset, Outcomes outcomes,
      List<PolicyReport> policies, Interval band) {
    List<String> notes = new ArrayList<>();
    noGap(outcomes).ifPresent(notes::add);
    if (dataset.size() < TRUSTWORTHY_EXAMPLES) {
      notes.add("only " + dataset.size() + " labelled examples: a trustworthy router needs a"
          + " few hundred at least (" + TRUSTWORTHY_EXAMPLES + "+); these numbers are noisy");
    }
    for (PolicyReport p : policies) {
      if (p.apgrCi().isPresent() && p.apgrCi().get().overlaps(band)) {
        notes.add(p.name() + ": no signal this set can confirm (its 95% interval overlaps the"
            + " random band)");
      }
    }
    return notes;
  }
}
