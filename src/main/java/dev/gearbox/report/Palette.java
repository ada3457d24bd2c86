package dev.gearbox.report;

import java.awt.Color;
import java.util.List;

/**
 * Series colours, the same in PNG and HTML charts: the Okabe-Ito palette, chosen because its
 * colours stay distinct for readers with the common colour-vision deficiencies.
 */
final class Palette {
  private static final List<String> HEX = List.of(
      "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#000000");

  /** Markers: the first in red, the next ones in dark greys, so that each has its own entry. */
  private static final List<String> MARKERS = List.of("#C0392B", "#333333", "#7F7F7F");

  private Palette() {}

  /** The colour of the series at {@code index}, as {@code #RRGGBB}. */
  static String hex(int index) {
    return HEX.get(index % HEX.size());
  }

  static Color color(int index) {
    return Color.decode(hex(index));
  }

  /** The colour slot of a series: the one it asks for, else its position. */
  static int slot(java.util.OptionalInt asked, int position) {
    return asked.orElse(position);
  }

  static String markerHex(int index) {
    return MARKERS.get(index % MARKERS.size());
  }

  static Color marker(int index) {
    return Color.decode(markerHex(index));
  }
}
