package dev.gearbox.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerFeaturesTest {
  private static double feature(String name, String prompt, String answer) {
    return AnswerFeatures.of(prompt, answer)[AnswerFeatures.NAMES.indexOf(name)];
  }

  @Test
  void statedFinalAnswer_isSeen() {
    String answer = "She sold 48 + 24 = 72 clips.\nThe answer is 72.";
    assertThat(feature("final_answer_marker", "How many clips?", answer)).isEqualTo(1);
    assertThat(feature("ends_with_number", "How many clips?", answer)).isEqualTo(1);
  }

  @Test
  void finalNumberCopiedFromThePrompt_isFlagged() {
    String prompt = "Natalia sold clips to 48 of her friends in April.";
    assertThat(feature("final_number_in_prompt", prompt, "So the answer is 48.")).isEqualTo(1);
    assertThat(feature("final_number_in_prompt", prompt, "So the answer is 72.")).isEqualTo(0);
    assertThat(feature("final_number_in_prompt", prompt, "So the answer is 48.00"))
        .isEqualTo(1);
  }

  @Test
  void hedgingAndSelfCorrection_areCounted() {
    double none = feature("hedges", "q", "The answer is 5.");
    double some = feature("hedges", "q", "I think it might be 5, but I'm not sure.");
    assertThat(some).isGreaterThan(none);
    assertThat(feature("self_corrections", "q", "Wait, that was a mistake. Actually 6."))
        .isGreaterThan(0);
  }

  @Test
  void answerStoppingMidSentence_doesNotEndCleanly() {
    assertThat(feature("ends_cleanly", "q", "The total is computed by adding the")).isZero();
    assertThat(feature("ends_cleanly", "q", "The total is 12.")).isEqualTo(1);
  }

  @Test
  void everyFeatureHasAName() {
    assertThat(AnswerFeatures.of("p", "a")).hasSize(AnswerFeatures.NAMES.size());
  }
}
