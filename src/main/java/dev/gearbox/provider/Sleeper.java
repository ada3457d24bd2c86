package dev.gearbox.provider;

import java.time.Duration;

/** Waits between attempts; injected so tests record the wait instead of spending it. */
@FunctionalInterface
public interface Sleeper {

  /** Blocks the calling (virtual) thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return Thread::sleep;
  }
}
