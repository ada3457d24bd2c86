package dev.gearbox.policy;

import java.util.Objects;

/**
 * How sensitive a request's data is ({@code public}, {@code internal}, {@code restricted}, or
 * whatever an operator configures). A higher {@code rank} is more sensitive; ranks come from the
 * order of the configured labels, lowest first.
 */
public record DataLabel(String name, int rank) implements Comparable<DataLabel> {

  public DataLabel {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException(
          "a data label is lower-case letters, digits, '-' or '_' (at most 64), got '" + name
              + "'");
    }
    if (rank < 0) {
      throw new IllegalArgumentException("a label's rank is never negative");
    }
  }

  /** The more sensitive of the two; this one when they rank the same. */
  public DataLabel higher(DataLabel other) {
    return other.rank > rank ? other : this;
  }

  @Override
  public int compareTo(DataLabel other) {
    return Integer.compare(rank, other.rank);
  }

  @Override
  public String toString() {
    return name;
  }
}
