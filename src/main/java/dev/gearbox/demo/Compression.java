package dev.gearbox.demo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway's compression stage did to one request's prompt, as its
 * {@code x-gearbox-compression} header says ({@code method=extractive; tokens=12000->5400}).
 */
record Compression(String method, long tokensBefore, long tokensAfter) {
  private static final Pattern HEADER =
      Pattern.compile("method=([\\w-]+);\\s*tokens=(\\d+)->(\\d+)");

  Compression {
    if (tokensAfter < 0 || tokensAfter > tokensBefore) {
      throw new IllegalArgumentException(
          "compression leaves fewer tokens: " + tokensBefore + " -> " + tokensAfter);
    }
  }

  /** The header's reading; empty when it is not in the documented form. */
  static Optional<Compression> parse(String header) {
    Matcher m = HEADER.matcher(header);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Compression(m.group(1), Long.parseLong(m.group(2)),
          Long.parseLong(m.group(3))));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  long tokensRemoved() {
    return tokensBefore - tokensAfter;
  }
}
