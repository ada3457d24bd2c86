package dev.gearbox.cost;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The time range a usage report covers: {@code from} inclusive, {@code to} exclusive. */
public record UsageWindow(Optional<Instant> from, Optional<Instant> to) {
  public static final UsageWindow ALL_TIME = new UsageWindow(Optional.empty(), Optional.empty());

  public UsageWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new IllegalArgumentException("a usage window's start comes before its end");
    }
  }

  long fromEpochMs() {
    return from.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
  }

  long toEpochMs() {
    return to.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
  }
}
