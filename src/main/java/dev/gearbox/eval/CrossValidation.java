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
