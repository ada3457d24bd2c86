package dev.gearbox.compress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Renders a JSON tool result in fewer tokens without losing a value. Agent tools answer with
 * JSON whose keys repeat for every item (a flight search repeats a dozen key names per flight),
 * and quotes cost tokens. Here an array of objects sharing the same keys becomes a table (the
 * keys once as a header, then one row of values per item; bracketed when inside another value),
 * other objects and arrays are written in flow style without the quotes a plain string does not
 * need. Every string, number and boolean of the input appears verbatim in the output.
 */
final class JsonCompactor {
  private static final Pattern PLAIN =
      Pattern.compile("[^\\s,:{}\\[\\]|\"=][^,{}\\[\\]|\"\\n=]*");
  private static final int MIN_TABLE_ROWS = 2;

  private JsonCompactor() {}

  /** The compact form of {@code text}, or empty when it is not a JSON object or array. */
  static Optional<String> compact(String text) {
    String trimmed = text.strip();
    if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.MAPPER.readTree(trimmed);
      return Optional.of(root.isArray() ? table(root).orElseGet(() -> render(root)) : render(root));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A value in flow style; a table inside it is bracketed so that its last row ends clearly. */
  private static String render(JsonNode node) {
    if (node.isArray()) {
      return table(node).map(t -> "[" + t + "]").orElseGet(() -> flowArray(node));
    }
    if (node.isObject()) {
      List<String> fields = new ArrayList<>();
      node.properties().forEach(
          f -> fields.add(scalarText(f.getKey()) + ": " + render(f.getValue())));
      return "{" + String.join(", ", fields) + "}";
    }
    return scalar(node);
  }

  private static String flowArray(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(render(item)));
    return "[" + String.join(", ", items) + "]";
  }

  /** A table when every item flattens to the same keys, in the same order. */
  private static Optional<String> table(JsonNode array) {
    if (array.size() < MIN_TABLE_ROWS) {
      return Optional.empty();
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.isContainerNode() || item.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> row = new LinkedHashMap<>();
      flatten("", item, row);
      if (!rows.isEmpty() && !sameKeys(rows.getFirst(), row)) {
        return Optional.empty();
      }
      rows.add(row);
    }
    StringBuilder out = new StringBuilder("table ")
        .append(String.join("|", rows.getFirst().keySet())).append(':');
    rows.forEach(row -> out.append('\n').append(String.join("|", row.values())));
    return Optional.of(out.toString());
  }

  private static boolean sameKeys(Map<String, String> a, Map<String, String> b) {
    return List.copyOf(a.keySet()).equals(List.copyOf(b.keySet()));
  }

  private static void flatten(String path, JsonNode node, Map<String, String> row) {
    if (node.isObject() && !node.isEmpty()) {
      node.properties().forEach(f -> flatten(join(path, f.getKey()), f.getValue(), row));
    } else if (node.isArray() && !node.isEmpty()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(join(path, Integer.toString(i)), node.get(i), row);
      }
    } else {
      row.put(path, node.isContainerNode() ? node.toString() : scalar(node));
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String scalar(JsonNode node) {
    return node.isTextual() ? scalarText(node.asText()) : node.toString();
  }

  /** A string as is when it reads unambiguously without quotes, else JSON-quoted. */
  private static String scalarText(String text) {
    if (PLAIN.matcher(text).matches() && !text.endsWith(" ") && !text.endsWith(":")
        && !text.contains(": ") && !looksLikeLiteral(text)) {
      return text;
    }
    return Json.MAPPER.getNodeFactory().textNode(text).toString();
  }

  private static boolean looksLikeLiteral(String text) {
    return text.equals("true") || text.equals("false") || text.equals("null")
        || text.matches("-?\\d+(\\.\\d+)?");
  }
}
