package dev.gearbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Makes a JSON value that conforms to a JSON Schema, for tool-call arguments and structured
 * output. It covers what function and response schemas use in practice: types (or a list of
 * them), {@code enum}, {@code const}, {@code properties} with {@code required}, {@code items}
 * with {@code minItems}/{@code maxItems}, numeric bounds, string lengths and common formats,
 * {@code anyOf}/{@code oneOf} (the first usable branch), {@code allOf} (merged) and local
 * {@code $ref}s. {@code pattern} is not honoured: no general generator for regular expressions
 * is attempted, so a schema that constrains strings only by a pattern gets a plain phrase.
 *
 * <p>Objects get their required properties; when a schema requires none, all of its properties,
 * so that a call carries arguments a client can act on.
 */
final class SchemaSampler {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 16;
  private static final int DEFAULT_MIN = 1;
  private static final int DEFAULT_MAX = 100;

  private final JsonNode root;
  private final SplittableRandom random;
  private final Supplier<String> phrases;

  private SchemaSampler(JsonNode root, SplittableRandom random, Supplier<String> phrases) {
    this.root = root;
    this.random = random;
    this.phrases = phrases;
  }

  /**
   * A value conforming to {@code schema}; string values come from {@code phrases}.
   *
   * @param random the source of every choice, so equal seeds give equal values
   */
  static JsonNode sample(JsonNode schema, SplittableRandom random, Supplier<String> phrases) {
    return new SchemaSampler(schema, random, phrases).value(schema, 0);
  }

  private JsonNode value(JsonNode schema, int depth) {
    JsonNode s = resolve(schema);
    if (depth > MAX_DEPTH) {
      return NODES.nullNode();
    }
    if (s.has("const")) {
      return s.get("const").deepCopy();
    }
    if (s.has("enum") && s.get("enum").isArray() && !s.get("enum").isEmpty()) {
      return s.get("enum").get(random.nextInt(s.get("enum").size())).deepCopy();
    }
    if (s.has("allOf")) {
      return value(merged(s), depth + 1);
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (s.has(keyword) && !s.get(keyword).isEmpty()) {
        return value(firstUsable(s.get(keyword)), depth + 1);
      }
    }
    return switch (type(s)) {
      case "object" -> object(s, depth);
      case "array" -> array(s, depth);
      case "integer" -> NODES.numberNode(integer(s));
      case "number" -> NODES.numberNode(number(s));
      case "boolean" -> NODES.booleanNode(random.nextBoolean());
      case "null" -> NODES.nullNode();
      default -> NODES.textNode(string(s));
    };
  }

  private ObjectNode object(JsonNode s, int depth) {
    ObjectNode out = NODES.objectNode();
    JsonNode properties = s.path("properties");
    List<String> names = new ArrayList<>();
    s.path("required").forEach(r -> names.add(r.asText()));
    if (names.isEmpty()) {
      properties.fieldNames().forEachRemaining(names::add);
    }
    for (String name : names) {
      JsonNode property = properties.path(name);
      out.set(name, value(property.isMissingNode() ? NODES.objectNode() : property, depth + 1));
    }
    return out;
  }

  private ArrayNode array(JsonNode s, int depth) {
    int min = s.path("minItems").asInt(1);
    int max = s.path("maxItems").asInt(Math.max(min, 1));
    int count = Math.max(min, Math.min(max, 1 + random.nextInt(2)));
    ArrayNode out = NODES.arrayNode();
    JsonNode items = s.path("items").isObject() ? s.get("items") : NODES.objectNode();
    for (int i = 0; i < count; i++) {
      out.add(value(items, depth + 1));
    }
    return out;
  }

  private long integer(JsonNode s) {
    long min = s.has("minimum") ? (long) Math.ceil(s.get("minimum").asDouble()) : DEFAULT_MIN;
    long max =
        s.has("maximum")
            ? (long) Math.floor(s.get("maximum").asDouble())
            : Math.max(min, DEFAULT_MAX);
    if (s.has("exclusiveMinimum") && s.get("exclusiveMinimum").isNumber()) {
      min = Math.max(min, (long) Math.floor(s.get("exclusiveMinimum").asDouble()) + 1);
    }
    if (s.has("exclusiveMaximum") && s.get("exclusiveMaximum").isNumber()) {
      max = Math.min(max, (long) Math.ceil(s.get("exclusiveMaximum").asDouble()) - 1);
    }
    if (max < min) {
      return min;
    }
    return min + random.nextLong(max - min + 1);
  }

  private BigDecimal number(JsonNode s) {
    double min = s.path("minimum").asDouble(s.path("exclusiveMinimum").asDouble(DEFAULT_MIN));
    double max =
        s.path("maximum").asDouble(s.path("exclusiveMaximum").asDouble(Math.max(min, DEFAULT_MAX)));
    double raw = max <= min ? min : min + random.nextDouble() * (max - min);
    BigDecimal rounded = BigDecimal.valueOf(raw).setScale(2, RoundingMode.DOWN);
    return rounded.doubleValue() < min || rounded.doubleValue() > max
        ? BigDecimal.valueOf(min)
        : rounded;
  }

  private String string(JsonNode s) {
    String text =
        switch (s.path("format").asText("")) {
          case "date" -> "2024-06-10";
          case "date-time" -> "2024-06-10T12:00:00Z";
          case "time" -> "12:00:00";
          case "email" -> "user@example.com";
          case "uri", "url" -> "https://example.com/";
          case "uuid" -> new java.util.UUID(random.nextLong(), random.nextLong()).toString();
          default -> phrases.get();
        };
    int min = s.path("minLength").asInt(0);
    int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < min) {
      padded.append(padded.isEmpty() ? "x" : " ").append(phrases.get());
    }
    return padded.length() > max ? padded.substring(0, max) : padded.toString();
  }

  private static String type(JsonNode s) {
    JsonNode type = s.get("type");
    if (type != null && type.isTextual()) {
      return type.asText();
    }
    if (type != null && type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          return t.asText();
        }
      }
      return "null";
    }
    if (s.has("properties")) {
      return "object";
    }
    return s.has("items") ? "array" : "string";
  }

  private JsonNode firstUsable(JsonNode branches) {
    for (JsonNode branch : branches) {
      if (!type(resolve(branch)).equals("null")) {
        return branch;
      }
    }
    return branches.get(0);
  }

  /** The allOf branches as one object schema: properties and required lists combined. */
  private JsonNode merged(JsonNode s) {
    ObjectNode merged = s.deepCopy();
    merged.remove("allOf");
    ObjectNode properties = NODES.objectNode();
    ArrayNode required = NODES.arrayNode();
    List<JsonNode> parts = new ArrayList<>(List.of(s));
    s.get("allOf").forEach(part -> parts.add(resolve(part)));
    for (JsonNode part : parts) {
      part.path("properties").properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
      part.path("required").forEach(required::add);
      if (part.has("type") && !merged.has("type")) {
        merged.set("type", part.get("type"));
      }
    }
    if (!properties.isEmpty()) {
      merged.set("properties", properties);
      merged.set("required", required);
    }
    return merged;
  }

  /** Follows a local {@code $ref} ("#/$defs/x", "#/definitions/x"); others are left as is. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int hops = 0; hops < MAX_DEPTH && current.has("$ref"); hops++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#")) {
        return NODES.objectNode();
      }
      JsonNode target = root.at(ref.substring(1));
      current = target.isMissingNode() ? NODES.objectNode() : target;
    }
    return current;
  }
}
