package dev.gearbox.route;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A trained router: the prompt classifier with its calibration data, and optionally the
 * cascade's answer scorer with its own. Written and read by {@link RouterFile}.
 *
 * @param embeddingModel the embedding model the prompt classifier was trained on; serving with
 *     another model's vectors would be meaningless, so loading checks it
 * @param features what the prompt classifier reads (embedding, terms, traits)
 * @param trainedOn a description of the training data (sets, pair, size)
 */
public record RouterModel(
    String embeddingModel,
    PromptFeatures features,
    String trainedOn,
    LogisticModel promptModel,
    Calibration calibration,
    Optional<LogisticModel> answerModel,
    Optional<Calibration> answerCalibration) {

  public RouterModel {
    Objects.requireNonNull(embeddingModel, "embeddingModel");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(trainedOn, "trainedOn");
    Objects.requireNonNull(promptModel, "promptModel");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(answerModel, "answerModel");
    Objects.requireNonNull(answerCalibration, "answerCalibration");
    int beside = promptModel.dimensions() - features.termBuckets() - PromptTraits.NAMES.size();
    if (features.embedding() ? beside <= 0 : beside != 0) {
      throw new IllegalArgumentException("the prompt model's " + promptModel.dimensions()
          + " weights do not fit its features (" + features.describe() + ")");
    }
    if (answerModel.isPresent() != answerCalibration.isPresent()) {
      throw new IllegalArgumentException("an answer scorer needs its calibration and vice versa");
    }
  }

  /**
   * The probability that the small tier's answer is as good as the frontier's, for the last
   * user message {@code text}. {@code promptVector} is asked for only when {@link #features()}
   * read the embedding.
   */
  public double score(String text, PromptTraits traits, Supplier<float[]> promptVector) {
    return promptModel.probability(features.row(promptVector, text, traits));
  }
}
