package dev.gearbox.cost;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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

  /**
   * A bound as a user writes it: an ISO-8601 instant ({@code 2026-12-01T09:30:00Z}, or with an
   * offset) or a date ({@code 2026-12-01}), which stands for the start of that day in UTC, as
   * the ledger's days are. A window runs from its start up to, not including, its end, so
   * {@code --since 2026-12-01 --until 2026-12-02} is the whole of 1 December.
   *
   * @throws IllegalArgumentException saying which forms are accepted
   */
  public static Instant bound(String text) {
    String value = text.strip();
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + (value.length() > 40 ? value.substring(0, 40)
          + "..." : value) + "' is neither a date (2026-12-01) nor an ISO-8601 instant"
          + " (2026-12-01T00:00:00Z)");
    }
  }

  long fromEpochMs() {
    return from.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
  }

  long toEpochMs() {
    return to.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
  }
}
