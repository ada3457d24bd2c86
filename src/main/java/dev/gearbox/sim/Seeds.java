package dev.gearbox.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Seeds derived from text, so that the same (model, prompt) gets the same generated answer in
 * every run, on every machine and JVM. {@code String.hashCode} would do on one JVM but is only 32
 * bits; SHA-256 is stable by definition and cheap at these sizes.
 */
final class Seeds {
  private Seeds() {}

  /** A 64-bit seed from the parts, kept apart so that ("ab", "c") differs from ("a", "bc"). */
  static long of(String... parts) {
    MessageDigest sha = sha256();
    for (String part : parts) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return ByteBuffer.wrap(sha.digest()).getLong();
  }

  static SplittableRandom random(String... parts) {
    return new SplittableRandom(of(parts));
  }

  /** Hex SHA-256 of bytes, for request digests. */
  static String sha256Hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder(64);
    for (byte b : sha256().digest(bytes)) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
