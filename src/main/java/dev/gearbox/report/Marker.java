package dev.gearbox.report;

import java.util.Objects;

/** A labelled point drawn over an {@link XyChart}, such as the operating point of a curve. */
public record Marker(String label, Point at) {
  public Marker {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(at, "at");
  }
}
