package dev.gearbox.cost;

import dev.gearbox.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));

  @Test
  void requestsPerMinute_refusesTheThirdAndSaysWhenToRetry() {
    RateLimiter limiter = limiter(RateLimit.NONE.withRequestsPerMinute(2));
    limiter.acquire("k1", 10).close();
    limiter.acquire("k1", 10).close();

    GatewayError.RateLimited refusal = refusal(() -> limiter.acquire("k1", 10));

    assertThat(refusal.message()).contains("2 requests per minute").contains("'k1'");
    assertThat(refusal.retryAfterSeconds()).isEqualTo(30);
    clock.advance(Duration.ofSeconds(30));
    limiter.acquire("k1", 10).close();
  }

  @Test
  void tokensRefusal_takesNoRequestSlot() {
    RateLimiter limiter =
        limiter(RateLimit.NONE.withRequestsPerMinute(2).withTokensPerMinute(1_000));

    limiter.acquire("k1", 800).close();
    // 800 more would exceed 1,000 tokens per minute
    refusal(() -> limiter.acquire("k1", 800));
    refusal(() -> limiter.acquire("k1", 800));

    // still one request slot left: the refusals took none
    limiter.acquire("k1", 100).close();
    assertThat(refusal(() -> limiter.acquire("k1", 1)).message()).contains("requests per minute");
  }

  @Test
  void requestsRefusal_takesNoTokens() {
    RateLimiter limiter =
        limiter(RateLimit.NONE.withRequestsPerMinute(1).withTokensPerMinute(1_000));
    limiter.acquire("k1", 500).close();

    refusal(() -> limiter.acquire("k1", 500));
    clock.advance(Duration.ofSeconds(60));

    // a minute later the whole allowance is back and nothing was taken by the refusal
    limiter.acquire("k1", 1_000).close();
  }

  @Test
  void concurrencyRefusal_takesNoRequestsOrTokens() {
    RateLimiter limiter = limiter(
        RateLimit.NONE.withMaxConcurrent(1).withRequestsPerMinute(2).withTokensPerMinute(100));
    Permit held = limiter.acquire("k1", 50);

    GatewayError.RateLimited refusal = refusal(() -> limiter.acquire("k1", 50));
    assertThat(refusal.message()).contains("1 concurrent requests");
    held.close();

    // one request and 50 tokens are left: exactly what the refused request would have used
    limiter.acquire("k1", 50).close();
  }

  @Test
  void settle_refundsTokensTheRequestDidNotUse() {
    RateLimiter limiter = limiter(RateLimit.NONE.withTokensPerMinute(1_000));
    try (Permit permit = limiter.acquire("k1", 1_000)) {
      permit.settle(200);
    }

    limiter.acquire("k1", 800).close();
    refusal(() -> limiter.acquire("k1", 1));
  }

  @Test
  void settle_chargesTokensBeyondTheEstimate() {
    RateLimiter limiter = limiter(RateLimit.NONE.withTokensPerMinute(1_000));
    try (Permit permit = limiter.acquire("k1", 100)) {
      permit.settle(1_000);
    }

    refusal(() -> limiter.acquire("k1", 1));
  }

  @Test
  void closingTwice_freesOneSlotOnly() {
    RateLimiter limiter = limiter(RateLimit.NONE.withMaxConcurrent(1));
    Permit first = limiter.acquire("k1", 0);
    first.close();
    first.close();

    Permit second = limiter.acquire("k1", 0);
    refusal(() -> limiter.acquire("k1", 0));
    second.close();
  }

  @Test
  void unlimitedKeys_areAlwaysAdmitted() {
    RateLimiter limiter = limiter(RateLimit.NONE.withRequestsPerMinute(1));

    for (int i = 0; i < 100; i++) {
      limiter.acquire("other", 1_000_000).close();
    }
    assertThat(RateLimiter.none().acquire("k1", 5)).isNotNull();
  }

  @Test
  void concurrencyLimit_holdsUnderRealThreads() throws InterruptedException {
    RateLimiter limiter = limiter(RateLimit.NONE.withMaxConcurrent(3));
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentLinkedQueue<Permit> permits = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          permits.add(limiter.acquire("k1", 1));
          admitted.incrementAndGet();
        } catch (GatewayException e) {
          refused.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(admitted.get()).isEqualTo(3);
    assertThat(refused.get()).isEqualTo(7);
    permits.forEach(Permit::close);
    limiter.acquire("k1", 1).close();
  }

  private RateLimiter limiter(RateLimit limit) {
    return new RateLimiter(Map.of("k1", limit), clock);
  }

  private static GatewayError.RateLimited refusal(Runnable call) {
    try {
      call.run();
    } catch (GatewayException e) {
      assertThat(e.error()).isInstanceOf(GatewayError.RateLimited.class);
      assertThat(e.error().httpStatus()).isEqualTo(429);
      return (GatewayError.RateLimited) e.error();
    }
    throw new AssertionError("expected a rate-limit refusal");
  }
}
