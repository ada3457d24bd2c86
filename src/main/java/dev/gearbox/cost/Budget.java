package dev.gearbox.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * A spending limit on one key or one tenant over a period. A hard budget refuses a request that
 * could take spending past the limit, before any upstream is called; a soft one serves it and
 * flags it.
 *
 * @param subject the key id or the tenant name the budget applies to
 */
public record Budget(
    Scope scope, String subject, Period period, BigDecimal limitUsd, Enforcement enforcement) {

  public enum Scope {
    KEY,
    TENANT
  }

  /** Periods start at midnight UTC (each day, the first of each month), or never end. */
  public enum Period {
    DAY("daily"),
    MONTH("monthly"),
    TOTAL("total");

    private final String adjective;

    Period(String adjective) {
      this.adjective = adjective;
    }

    /** When the period holding {@code now} began. */
    public Instant start(Instant now) {
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      return switch (this) {
        case DAY -> today.atStartOfDay(ZoneOffset.UTC).toInstant();
        case MONTH -> today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        case TOTAL -> Instant.EPOCH;
      };
    }
  }

  public enum Enforcement {
    HARD,
    SOFT
  }

  public Budget {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(limitUsd, "limitUsd");
    Objects.requireNonNull(enforcement, "enforcement");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("a budget names the key or tenant it applies to");
    }
    if (limitUsd.signum() < 0) {
      throw new IllegalArgumentException("a budget limit is never negative");
    }
  }

  /** How messages name this budget: {@code tenant acme daily}. */
  public String name() {
    return scope.name().toLowerCase(Locale.ROOT) + " " + subject + " "
        + period.adjective;
  }

  boolean appliesTo(String keyId, String tenant) {
    return switch (scope) {
      case KEY -> subject.equals(keyId);
      case TENANT -> subject.equals(tenant);
    };
  }
}
