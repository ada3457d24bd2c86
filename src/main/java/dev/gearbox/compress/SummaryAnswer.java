package dev.gearbox.compress;

import java.math.BigDecimal;
import java.util.Objects;

/** A summary written by the small tier, and what the call cost. */
public record SummaryAnswer(String text, BigDecimal costUsd) {
  public SummaryAnswer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(costUsd, "costUsd");
  }
}
