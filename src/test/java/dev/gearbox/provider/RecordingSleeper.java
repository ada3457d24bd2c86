package dev.gearbox.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait and moves the test clock by it instead of waiting. */
final class RecordingSleeper implements Sleeper {
  private final TestClock clock;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  RecordingSleeper(TestClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    clock.advance(duration);
  }

  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
