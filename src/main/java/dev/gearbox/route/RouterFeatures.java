package dev.gearbox.route;

/**
 * The scales and penalties of the router's two models and the answer scorer's feature row,
 * built the same way at training and at serving time ({@link PromptFeatures} lays out the
 * prompt model's row). The answer scorer sees the router's score, the prompt traits and the
 * {@code dev.gearbox.validate.AnswerFeatures} of the cheap answer.
 *
 * <p>Why fixed scales rather than standardising the embedding and the terms: with one L2
 * penalty for all weights, standardising hundreds of noisy dimensions lets them drown the few
 * strong simple features. Leaving unit vectors' components on their own small scale (times 3)
 * penalises them together and much more than the traits; on GSM8K, 5-fold cross-validated, this
 * lifted APGR from 0.61 to 0.64 over a standardised embedding (penalty 10; scales 1 to 20
 * tried). With the terms the prompt model is best at penalty 30 (GSM8K and MMLU-Pro; 10, 30
 * and 100 tried), the answer scorer at 10.
 */
public final class RouterFeatures {
  public static final double EMBEDDING_SCALE = 3.0;
  public static final double TERM_SCALE = 3.0;
  /** The L2 penalty the prompt model is trained with (chosen by cross-validation). */
  public static final double PROMPT_PENALTY = 30.0;
  /** The L2 penalty the answer scorer is trained with (chosen by cross-validation on GSM8K). */
  public static final double ANSWER_PENALTY = 10.0;

  private RouterFeatures() {}

  /** The answer scorer's features: router score, traits, then the answer's own features. */
  public static double[] answer(double routerScore, PromptTraits traits, double[] answer) {
    double[] t = traits.features();
    double[] row = new double[1 + t.length + answer.length];
    row[0] = routerScore;
    System.arraycopy(t, 0, row, 1, t.length);
    System.arraycopy(answer, 0, row, 1 + t.length, answer.length);
    return row;
  }
}
