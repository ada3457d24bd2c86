package dev.gearbox.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void withoutJitter_backoffDoublesUpToTheCeiling() {
    RetryPolicy policy =
        new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(1), 0, new SplittableRandom(7));

    assertThat(IntStream.rangeClosed(1, 5).mapToObj(policy::backoff))
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
  }

  @Test
  void jitter_drawsBelowTheExponentialCeilingAndVaries() {
    RetryPolicy policy = RetryPolicy.standard(new SplittableRandom(7));

    var waits = IntStream.range(0, 200).mapToObj(i -> policy.backoff(2)).toList();

    assertThat(waits)
        .allSatisfy(w -> assertThat(w).isBetween(Duration.ofMillis(250), Duration.ofMillis(500)));
    assertThat(waits.stream().distinct().count()).isGreaterThan(50);
  }

  @Test
  void manyRetries_doNotOverflow() {
    RetryPolicy policy = RetryPolicy.standard(new SplittableRandom(7));

    assertThat(policy.backoff(200)).isLessThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void invalidPolicies_areRefused() {
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    Duration.ofSeconds(2), Duration.ofSeconds(1), 0, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
