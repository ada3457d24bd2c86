package dev.gearbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.store.Database;
import dev.gearbox.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits shared through a database, with two {@link RateLimiter}s on two connection pools of
 * the same database standing in for two gateway replicas. Run on SQLite and PostgreSQL.
 */
abstract class SharedRateLimitsContractTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
  final List<Database> opened = new ArrayList<>();

  /** Opens one more pool on the test's database (the first call creates the database). */
  abstract Database openReplicaDatabase();

  void cleanUp() {}

  @AfterEach
  void closeAll() {
    opened.forEach(Database::close);
    cleanUp();
  }

  @Test
  void requestsPerMinute_twoReplicasRacing_admitExactlyTheLimitBetweenThem() throws Exception {
    RateLimit limit = RateLimit.NONE.withRequestsPerMinute(10);
    RateLimiter a = limiter(limit);
    RateLimiter b = limiter(limit);
    AtomicInteger admitted = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 12; t++) {
      RateLimiter replica = t % 2 == 0 ? a : b;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          for (int i = 0; i < 3; i++) {
            try (Permit ignored = replica.acquire("k1", 50)) {
              admitted.incrementAndGet();
            } catch (GatewayException e) {
              if (!(e.error() instanceof GatewayError.RateLimited)) {
                throw e;
              }
            }
          }
        } catch (Throwable e) {
          unexpected.add(e);
        }
      }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(unexpected).isEmpty();
    assertThat(admitted.get()).isEqualTo(10);
  }

  @Test
  void refusal_saysTheLimitAndWhenToRetry_andTheBucketRefillsForBoth() {
    RateLimit limit = RateLimit.NONE.withRequestsPerMinute(2);
    RateLimiter a = limiter(limit);
    RateLimiter b = limiter(limit);
    a.acquire("k1", 10).close();
    b.acquire("k1", 10).close();

    GatewayError.RateLimited refusal = refusal(() -> a.acquire("k1", 10));

    assertThat(refusal.message())
        .isEqualTo("rate limit of 2 requests per minute for key 'k1' reached; retry after 30 s");
    assertThat(refusal.retryAfterSeconds()).isEqualTo(30);
    clock.advance(Duration.ofSeconds(30));
    b.acquire("k1", 10).close();
    refusal(() -> a.acquire("k1", 10));
  }

  @Test
  void tokenCorrection_onOneReplica_freesTokensForTheOther() {
    RateLimit limit = RateLimit.NONE.withTokensPerMinute(1_000);
    RateLimiter a = limiter(limit);
    RateLimiter b = limiter(limit);
    Permit big = a.acquire("k1", 800);

    assertThat(refusal(() -> b.acquire("k1", 800)).message())
        .contains("1000 tokens per minute (this request needs about 800)");
    big.settle(100);
    big.close();

    b.acquire("k1", 800).close();
  }

  @Test
  void refusedByTokens_takesNoRequestFromTheSharedBucket() {
    RateLimit limit = RateLimit.NONE.withRequestsPerMinute(2).withTokensPerMinute(1_000);
    RateLimiter a = limiter(limit);
    RateLimiter b = limiter(limit);
    a.acquire("k1", 800).close();
    refusal(() -> b.acquire("k1", 800));
    refusal(() -> a.acquire("k1", 800));

    b.acquire("k1", 100).close();

    assertThat(refusal(() -> a.acquire("k1", 1)).message()).contains("requests per minute");
  }

  @Test
  void restart_keepsWhatTheMinuteHasUsed() {
    RateLimit limit = RateLimit.NONE.withRequestsPerMinute(3);
    Database before = replica();
    RateLimiter first = RateLimiter.shared(Map.of("k1", limit), clock, before);
    for (int i = 0; i < 3; i++) {
      first.acquire("k1", 1).close();
    }
    before.close();

    RateLimiter restarted = limiter(limit);

    refusal(() -> restarted.acquire("k1", 1));
  }

  @Test
  void requestsInFlight_areCountedPerReplica() {
    RateLimit limit = RateLimit.NONE.withMaxConcurrent(1);
    RateLimiter a = limiter(limit);
    RateLimiter b = limiter(limit);

    Permit held = a.acquire("k1", 1);

    assertThat(refusal(() -> a.acquire("k1", 1)).message()).contains("1 concurrent requests");
    b.acquire("k1", 1).close();
    held.close();
    a.acquire("k1", 1).close();
  }

  RateLimiter limiter(RateLimit limit) {
    return RateLimiter.shared(Map.of("k1", limit), clock, replica());
  }

  Database replica() {
    Database database = openReplicaDatabase();
    opened.add(database);
    return database;
  }

  private static GatewayError.RateLimited refusal(Runnable call) {
    GatewayError.RateLimited[] refused = new GatewayError.RateLimited[1];
    assertThatThrownBy(call::run).isInstanceOfSatisfying(GatewayException.class, e -> {
      assertThat(e.error()).isInstanceOf(GatewayError.RateLimited.class);
      refused[0] = (GatewayError.RateLimited) e.error();
    });
    return refused[0];
  }
}
