package dev.gearbox.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Tool call ids as the Messages API accepts them ({@code ^[a-zA-Z0-9_-]+$}). A conversation can
 * carry ids made by another provider, such as {@code functions.get_weather:0}, when it moved
 * from one upstream to another or fell back mid-session; sent as they are, the whole request is
 * refused. Each other character becomes {@code _} and a short digest of the original id is
 * appended, so the mapping is the same for the call and its result, and two ids that differ only
 * in such characters stay apart. Conforming ids are sent unchanged.
 *
 * <p>Some OpenAI-compatible servers (llama.cpp, Gemini's OpenAI endpoint, several tool parsers)
 * answer with calls whose id is missing, empty, or the same for every call. A client pairs each
 * result with its call by id, and the Messages API refuses a conversation whose ids are empty or
 * repeat, so such a call gets an id made here, unique across answers.
 */
final class ToolUseIds {
  private static final Pattern CONFORMING = Pattern.compile("[a-zA-Z0-9_-]+");
  private static final Pattern OTHER = Pattern.compile("[^a-zA-Z0-9_-]");
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private ToolUseIds() {}

  static String conforming(String id) {
    if (CONFORMING.matcher(id).matches()) {
      return id;
    }
    return OTHER.matcher(id).replaceAll("_") + "_" + digest(id);
  }

  /** The upstream's id when it is set and not taken by an earlier call; a new one otherwise. */
  static String orMinted(String upstreamId, Set<String> taken) {
    String id = upstreamId == null || upstreamId.isBlank() || taken.contains(upstreamId)
        ? minted()
        : upstreamId;
    taken.add(id);
    return id;
  }

  private static String minted() {
    StringBuilder id = new StringBuilder("call_");
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 24; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  private static String digest(String id) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
