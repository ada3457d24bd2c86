package dev.gearbox.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * K-fold cross-validation by group: every example of a group (the turns of one conversation)
 * lands in the same fold, folds are drawn with a fixed seed, and each example is scored by the
 * model trained on the other folds ("out of fold"), so that no score has seen its own label.
 */
final class CrossValidation {
  /** Trains on the examples at the given indices and returns a scorer for any index. */
  @FunctionalInterface
  interface Fitter {
    IntToDoubleFunction fit(int[] trainIndices);
  }

  private CrossValidation() {}

  /** The fewest groups per fold that a cross-validated figure is computed from. */
  static final int MIN_GROUPS_PER_FOLD = 2;

  /**
   * Refuses a data set too small to cross-validate: each of the {@code k} folds needs at least
   * {@value #MIN_GROUPS_PER_FOLD} groups to be scored by a model trained on the others.
   */
  static void requireEnough(RoutingDataset data, int k) {
    long groups = data.examples().stream().map(RoutingExample::group).distinct().count();
    if (groups < (long) k * MIN_GROUPS_PER_FOLD) {
      throw new IllegalArgumentException("data set '" + data.name() + "' has " + groups
          + (groups == 1 ? " usable example" : " usable examples") + " (with outcomes of both "
          + data.smallModel() + " and " + data.frontierModel() + "; lines sharing a group count"
          + " once); " + k + "-fold cross-validation needs at least " + k * MIN_GROUPS_PER_FOLD
          + ", and a router worth trusting a few hundred");
    }
  }

  /** The fold (0..k-1) of each example. */
  static int[] folds(List<String> groups, int k, long seed) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(groups));
    Collections.shuffle(distinct, new Random(seed));
    Map<String, Integer> foldOf = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      foldOf.put(distinct.get(i), i % k);
    }
    return groups.stream().mapToInt(foldOf::get).toArray();
  }

  /** Out-of-fold scores of every example listed in {@code indices}, in that order. */
  static double[] outOfFold(int[] indices, int[] folds, int k, Fitter fitter) {
    double[] scores = new double[indices.length];
    for (int f = 0; f < k; f++) {
      int[] train = select(indices, folds, f, false);
      int[] test = select(indices, folds, f, true);
      if (test.length == 0 || train.length == 0) {
        continue;
      }
      IntToDoubleFunction model = fitter.fit(train);
      for (int i = 0; i < indices.length; i++) {
        if (folds[indices[i]] == f) {
          scores[i] = model.applyAsDouble(indices[i]);
        }
      }
    }
    return scores;
  }

  private static int[] select(int[] indices, int[] folds, int fold, boolean inFold) {
    return java.util.Arrays.stream(indices).filter(i -> (folds[i] == fold) == inFold).toArray();
  }

  static int[] all(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }
}
