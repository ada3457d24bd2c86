package dev.gearbox.route;

import dev.gearbox.provider.Tier;
import dev.gearbox.validate.AnswerFeatures;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The learned stage of routing, ready to serve: a {@link RouterModel}, the threshold its
 * calibration gives for the operator's {@link QualityTarget}, and the cascade band. Stateless
 * after construction and thread-safe; scoring hashes the prompt's words and takes a dot product
 * of about a thousand terms.
 *
 * <p>In the cascade band the small tier answers first; its answer is then checked (empty,
 * refusal, truncation, JSON and tool schemas) and, when the router file has one, scored by the
 * answer scorer against its own calibrated threshold. Outside the band the threshold decides.
 */
public final class Router {
  private final RouterModel model;
  private final QualityTarget target;
  private final Threshold threshold;
  private final Optional<CascadeBand> band;
  private final Optional<Threshold> answerThreshold;

  public Router(RouterModel model, QualityTarget target, Optional<CascadeBand> band) {
    this.model = Objects.requireNonNull(model, "model");
    this.target = Objects.requireNonNull(target, "target");
    this.band = Objects.requireNonNull(band, "band");
    this.threshold = model.calibration().threshold(target);
    this.answerThreshold = model.answerCalibration().map(c -> c.threshold(target));
  }

  /**
   * The verdict on a request whose last user message is {@code text}; the prompt vector is
   * computed only when the router file reads it.
   */
  public RouteScore score(String text, PromptTraits traits, Supplier<float[]> promptVector) {
    double score = model.score(text, traits, promptVector);
    boolean unsure = band.map(b -> b.contains(score)).orElse(false);
    Tier tier = unsure || score >= threshold.value() ? Tier.SMALL : Tier.FRONTIER;
    return new RouteScore(score, threshold.value(), tier, unsure);
  }

  /**
   * Whether the answer scorer accepts the small tier's answer; true when the router file has
   * no answer scorer (the hard checks alone then decide).
   */
  public boolean acceptsAnswer(double routerScore, PromptTraits traits, String prompt,
      String answer) {
    if (model.answerModel().isEmpty()) {
      return true;
    }
    double[] features = RouterFeatures.answer(routerScore, traits,
        AnswerFeatures.of(prompt, answer));
    return model.answerModel().get().probability(features) >= answerThreshold.orElseThrow()
        .value();
  }

  public Threshold threshold() {
    return threshold;
  }

  public Optional<CascadeBand> band() {
    return band;
  }

  public QualityTarget target() {
    return target;
  }

  public RouterModel model() {
    return model;
  }
}
