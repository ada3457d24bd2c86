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
    find(root, "").ifPresent(found -> {
      throw GatewayError.InvalidRequest.forParam(found.param(), "'" + found.param() + "' holds "
          + "an unpaired UTF-16 surrogate (a lone \\u" + Integer.toHexString(found.unit())
          + ") at character " + found.at() + "; it is not text, so it cannot be sent on; "
          + "send the whole pair or a replacement character").toException();
    });
  }

  private static Optional<Found> find(JsonNode node, String param) {
    if (node.isTextual()) {
      return at(node.textValue(), param);
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<Found> found = find(node.get(i), Fields.index(param, i));
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      Optional<Found> found = at(field.getKey(), param.isEmpty() ? "(a field name)" : param)
          .or(() -> find(field.getValue(), Fields.path(param, ClientText.shown(field.getKey()))));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<Found> at(String text, String param) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of(new Found(param, i, c));
      }
    }
    return Optional.empty();
  }

  private record Found(String param, int at, char unit) {}
}
