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

  static final String MARKER = "#C0392B";

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

  static Color marker() {
    return Color.decode(MARKER);
  }
}
