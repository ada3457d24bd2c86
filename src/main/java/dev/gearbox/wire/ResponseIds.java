package dev.gearbox.wire;

/**
 * Answer ids in the shape each API's clients expect: OpenAI's {@code chatcmpl-…} and Anthropic's
 * {@code msg_…}. An answer translated from the other format keeps its upstream id's unique part
 * under the client format's prefix, so logs on both sides can still be matched.
 */
final class ResponseIds {
  private static final String OPENAI_PREFIX = "chatcmpl-";
  private static final String ANTHROPIC_PREFIX = "msg_";

  private ResponseIds() {}

  static String openAi(String id) {
    return id.startsWith(OPENAI_PREFIX) ? id : OPENAI_PREFIX + unique(id);
  }

  static String anthropic(String id) {
    return id.startsWith(ANTHROPIC_PREFIX) ? id : ANTHROPIC_PREFIX + unique(id);
  }

  private static String unique(String id) {
    if (id.startsWith(OPENAI_PREFIX)) {
      return id.substring(OPENAI_PREFIX.length());
    }
    if (id.startsWith(ANTHROPIC_PREFIX)) {
      return id.substring(ANTHROPIC_PREFIX.length());
    }
    return id;
  }
}
