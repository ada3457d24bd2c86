package dev.gearbox.report;

/** How a series is drawn: a solid line, a dashed line (a reference), or points only. */
public enum SeriesStyle {
  LINE,
  DASHED,
  POINTS
}
