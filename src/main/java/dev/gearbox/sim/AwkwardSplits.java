package dev.gearbox.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts an SSE body into the pieces a hostile network would deliver, for the {@code split_sse}
 * fault: line ends become CRLF (which the SSE spec allows), and the bytes are cut after every
 * CR (so CR and LF arrive apart), after the first byte of every multi-byte UTF-8 character (so a
 * character arrives in halves), and every few bytes besides (so JSON arrives in fragments). A
 * client that decodes per piece, or splits lines on LF alone, or parses JSON per read, breaks.
 */
final class AwkwardSplits {
  /** Longest piece, in bytes, between the forced cuts. */
  static final int MAX_PIECE_BYTES = 7;

  private AwkwardSplits() {}

  /** {@code text} with each LF line end written as CRLF. */
  static String withCrlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  /** The UTF-8 bytes of {@code text} in awkward pieces; concatenated they are the whole text. */
  static List<byte[]> pieces(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<byte[]> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      boolean cut =
          bytes[i] == '\r' || isMultiByteLead(bytes[i]) || i + 1 - start >= MAX_PIECE_BYTES;
      if (cut || i == bytes.length - 1) {
        pieces.add(Arrays.copyOfRange(bytes, start, i + 1));
        start = i + 1;
      }
    }
    return pieces;
  }

  private static boolean isMultiByteLead(byte b) {
    return (b & 0xC0) == 0xC0;
  }
}
