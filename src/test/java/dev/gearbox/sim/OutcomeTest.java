package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomeTest {
  @Test
  void headerValue_isCorrectWrongOrScore() {
    assertThat(Outcome.CORRECT.headerValue()).isEqualTo("correct");
    assertThat(Outcome.WRONG.headerValue()).isEqualTo("wrong");
    assertThat(new Outcome.Score(7).headerValue()).isEqualTo("score=7");
    assertThat(new Outcome.Score(9.5).headerValue()).isEqualTo("score=9.5");
  }

  @Test
  void parseHeader_readsWhatHeaderValueWrites() {
    for (Outcome outcome : new Outcome[] {Outcome.CORRECT, Outcome.WRONG, new Outcome.Score(9.5)}) {
      assertThat(Outcome.parseHeader(outcome.headerValue())).contains(outcome);
    }
    assertThat(Outcome.parseHeader("unknown")).isEmpty();
    assertThat(Outcome.parseHeader("score=eleven")).isEmpty();
    assertThat(Outcome.parseHeader("score=11")).isEmpty();
  }

  @Test
  void score_outsideTheJudgeScale_isRefused() {
    assertThatThrownBy(() -> new Outcome.Score(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Outcome.Score(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
