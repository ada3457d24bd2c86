package dev.gearbox.route;

import java.util.Objects;
import java.util.Optional;

/**
 * A trained router: the prompt classifier with its calibration data, and optionally the
 * cascade's answer scorer with its own. Written and read by {@link RouterFile}.
 *
 * @param embeddingModel the embedding model the prompt classifier was trained on; serving with
 *     another model's vectors would be meaningless, so loading checks it
 * @param trainedOn a description of the training data (sets, pair, size)
 */
public record RouterModel(
    String embeddingModel,
    String trainedOn,
    LogisticModel promptModel,
    Calibration calibration,
    Optional<LogisticModel> answerModel,
    Optional<Calibration> answerCalibration) {

  public RouterModel {
    Objects.requireNonNull(embeddingModel, "embeddingModel");
    Objects.requireNonNull(trainedOn, "trainedOn");
    Objects.requireNonNull(promptModel, "promptModel");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(answerModel, "answerModel");
    Objects.requireNonNull(answerCalibration, "answerCalibration");
    if (answerModel.isPresent() != answerCalibration.isPresent()) {
      throw new IllegalArgumentException("an answer scorer needs its calibration and vice versa");
    }
  }

  /** The probability that the small tier's answer is as good as the frontier's. */
  public double score(float[] promptVector, PromptTraits traits) {
    return promptModel.probability(RouterFeatures.prompt(promptVector, traits));
  }
}
