package dev.gearbox.provider;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Puts a time limit on blocking reads that have none. The JDK client's response body stream
 * blocks without a timeout, so a read is armed with an alarm that closes the stream when it
 * fires; the blocked reader then fails and the alarm's flag tells it why.
 */
final class Watchdog implements AutoCloseable {
  private final ScheduledExecutorService scheduler;

  Watchdog(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** A watchdog on one virtual scheduler thread, owned (and shut down) by the caller. */
  static Watchdog create() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("upstream-watchdog").factory());
    executor.setRemoveOnCancelPolicy(true);
    return new Watchdog(executor);
  }

  /** Runs {@code alarm} after {@code timeout} unless the returned handle is disarmed first. */
  Armed arm(Duration timeout, Runnable alarm) {
    return new Armed(scheduler.schedule(alarm, timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  /** One armed alarm. */
  record Armed(ScheduledFuture<?> alarm) {
    void disarm() {
      alarm.cancel(false);
    }
  }
}
