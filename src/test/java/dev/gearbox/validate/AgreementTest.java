package dev.gearbox.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgreementTest {
  @Test
  void sameFinalNumber_agreesWhateverTheWorking() {
    assertThat(Agreement.agree("48 + 24 = 72. The answer is 72.",
        "She sold 48 in April and 24 in May, so 72 clips.")).isTrue();
    assertThat(Agreement.agree("Total: 1,200.00 dollars", "It costs 1200 dollars.")).isTrue();
  }

  @Test
  void differentFinalNumber_disagrees() {
    assertThat(Agreement.agree("The answer is 72.", "The answer is 96.")).isFalse();
  }

  @Test
  void prose_agreesWhenMostWordsAreShared() {
    assertThat(Agreement.agree("Paris is the capital of France.",
        "The capital of France is Paris.")).isTrue();
    assertThat(Agreement.agree("Paris is the capital of France.",
        "Lyon, on the Rhone, was the old Roman centre of Gaul.")).isFalse();
  }
}
