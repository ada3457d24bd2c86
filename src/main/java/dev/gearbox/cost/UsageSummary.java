package dev.gearbox.cost;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A usage report: totals over a window and the lines of each grouping asked for, in order. */
public record UsageSummary(
    UsageWindow window, UsageLine total, Map<UsageGrouping, List<UsageLine>> groups) {
  public UsageSummary {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(total, "total");
    groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
  }
}
