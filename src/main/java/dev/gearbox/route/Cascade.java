package dev.gearbox.route;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.validate.AnswerValidator;
import dev.gearbox.validate.EscalationReason;
import dev.gearbox.validate.Verdict;
import java.util.Optional;

/**
 * Decides whether a small-tier answer may be served or must be escalated to the frontier
 * (FrugalGPT's and AutoMix's cascade). Every answer the router sent to the small tier gets the
 * hard checks ({@link AnswerValidator}); an answer whose request scored inside the unsure band
 * is also scored by the learned answer scorer, against its calibrated threshold.
 */
public final class Cascade {
  private final AnswerValidator validator;
  private final Optional<Router> router;
  private final boolean secondSample;

  public Cascade(AnswerValidator validator, Optional<Router> router) {
    this(validator, router, false);
  }

  /**
   * A cascade that, with {@code secondSample}, also asks the small tier a second time in the
   * band and escalates when the two answers disagree.
   */
  public Cascade(AnswerValidator validator, Optional<Router> router, boolean secondSample) {
    this.validator = validator;
    this.router = router;
    this.secondSample = secondSample;
  }

  /** Whether answers in the band are checked against a second sample of the small tier. */
  public boolean secondSample() {
    return secondSample;
  }

  /** The verdict on {@code answer}, the small tier's response to {@code request}. */
  public Verdict judge(ChatRequest request, RoutePlan plan, ChatResponse answer) {
    Verdict checked = validator.check(request, answer);
    if (!checked.accepted() || !plan.cascade() || router.isEmpty()) {
      return checked;
    }
    double score = plan.score().orElseThrow().score();
    String prompt = request.lastUserText().orElse("");
    String text = answer.first().message().text();
    boolean accepted = router.get().acceptsAnswer(score, PromptTraits.of(request), prompt, text);
    return accepted
        ? Verdict.ACCEPTED
        : Verdict.rejected(EscalationReason.LOW_ANSWER_SCORE, "answer scorer below threshold");
  }
}
