package dev.gearbox.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private final TestClock clock = TestClock.at("2026-12-03T10:00:00Z");

  @Test
  void remaining_shrinksWithTheClockAndStopsAtZero() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);

    clock.advance(Duration.ofSeconds(4));
    assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(6));
    assertThat(deadline.cap(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(6));
    assertThat(deadline.cap(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(deadline.allows(Duration.ofSeconds(5))).isTrue();
    assertThat(deadline.allows(Duration.ofSeconds(6))).isFalse();

    clock.advance(Duration.ofSeconds(60));
    assertThat(deadline.remaining()).isZero();
    assertThat(deadline.expired()).isTrue();
  }
}
