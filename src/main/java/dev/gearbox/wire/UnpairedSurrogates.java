package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.ClientText;
import dev.gearbox.model.GatewayError;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses JSON strings holding half of a UTF-16 surrogate pair ({@code "\ud800"}).
 *
 * <p>JSON's {@code \\u} escapes can spell such a half, but no UTF-8 text can hold one: every
 * encoder on the way replaces it, here with {@code '?'}. Passed on, two different prompts would
 * reach the upstream, the cache key and the audit digest as the same text, and the cache would
 * serve one the other's answer. OpenAI's and Anthropic's APIs refuse such bodies too, so the
 * client gets a 400 naming the field and the character, as it would from them.
 */
final class UnpairedSurrogates {
  private UnpairedSurrogates() {}

  /** Throws a 400 naming the first string (value or key) that holds a lone surrogate. */
  static void check(JsonNode root) {
    find(root, null).ifPresent(found -> {
      throw GatewayError.InvalidRequest.forParam(found.param(), "'" + found.param() + "' holds "
          + "an unpaired UTF-16 surrogate (a lone \\u" + Integer.toHexString(found.unit())
          + ") at character " + found.at() + "; it is not text, so it cannot be sent on; "
          + "send the whole pair or a replacement character").toException();
    });
  }

  /**
   * The first lone surrogate below {@code node}. The field path is kept as links to the parent
   * and spelled out only for a find: every request is scanned, few are refused.
   */
  private static Optional<Found> find(JsonNode node, Where where) {
    if (node.isTextual()) {
      return at(node.textValue(), where);
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<Found> found = find(node.get(i), new Where(where, null, i));
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      Where inField = new Where(where, field.getKey(), -1);
      Optional<Found> found = at(field.getKey(), where == null ? NAME : where)
          .or(() -> find(field.getValue(), inField));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<Found> at(String text, Where where) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of(new Found(Where.spelled(where), i, c));
      }
    }
    return Optional.empty();
  }

  /** Where a lone surrogate in a top-level field name is reported. */
  private static final Where NAME = new Where(null, "(a field name)", -1);

  /** A place in the body: a field of {@code parent}, or its element {@code index}. */
  private record Where(Where parent, String field, int index) {
    static String spelled(Where where) {
      if (where == null) {
        return "";
      }
      String parent = spelled(where.parent);
      return where.field == null ? Fields.index(parent, where.index)
          : where == NAME ? where.field : Fields.path(parent, ClientText.shown(where.field));
    }
  }

  private record Found(String param, int at, char unit) {}
}
