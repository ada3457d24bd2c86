package dev.gearbox.sim;

/**
 * Waits out simulated generation time. The server's pacer sleeps, which parks only the request's
 * virtual thread; tests of answer content run with zero latency and never reach it.
 */
@FunctionalInterface
interface Pacer {
  /** Waits {@code millis}; returns early, with the interrupt flag set, if interrupted. */
  void pause(long millis);

  static Pacer sleeping() {
    return millis -> {
      if (millis <= 0) {
        return;
      }
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
