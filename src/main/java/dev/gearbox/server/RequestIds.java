package dev.gearbox.server;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Request ids: random, URL-safe, short enough to quote in a bug report. */
final class RequestIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestIds() {}

  static String next() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "req_" + HexFormat.of().formatHex(bytes);
  }
}
