package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Typed reads of client JSON that fail with a 400 naming the exact parameter path, in the style
 * the providers' own APIs use ({@code messages[2].content[0].image_url.url}). A field that is
 * present with the value {@code null} counts as absent, as SDKs send explicit nulls freely.
 */
final class Fields {
  private Fields() {}

  static String path(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** The JSON kind of a node with its article, for messages: "an array", "a string". */
  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> "an object";
      case ARRAY -> "an array";
      case STRING, BINARY -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
    };
  }

  static GatewayException invalid(String param, String message) {
    return GatewayError.InvalidRequest.forParam(param, message).toException();
  }

  static Optional<JsonNode> opt(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
  }

  static JsonNode required(ObjectNode object, String field, String parent) {
    String param = path(parent, field);
    return opt(object, field).orElseThrow(() -> invalid(param, "'" + param + "' is required"));
  }

  static GatewayException wrongType(String param, String expected, JsonNode got) {
    return invalid(param, "'" + param + "' must be " + expected + ", got " + kind(got));
  }

  static ObjectNode object(JsonNode node, String param) {
    if (!node.isObject()) {
      throw wrongType(param, "an object", node);
    }
    return (ObjectNode) node;
  }

  static ArrayNode array(JsonNode node, String param) {
    if (!node.isArray()) {
      throw wrongType(param, "an array", node);
    }
    return (ArrayNode) node;
  }

  static String string(JsonNode node, String param) {
    if (!node.isTextual()) {
      throw wrongType(param, "a string", node);
    }
    return node.textValue();
  }

  static ObjectNode reqObject(ObjectNode object, String field, String parent) {
    return object(required(object, field, parent), path(parent, field));
  }

  static Optional<ObjectNode> optObject(ObjectNode object, String field, String parent) {
    return opt(object, field).map(n -> object(n, path(parent, field)));
  }

  static ArrayNode reqArray(ObjectNode object, String field, String parent) {
    return array(required(object, field, parent), path(parent, field));
  }

  static Optional<ArrayNode> optArray(ObjectNode object, String field, String parent) {
    return opt(object, field).map(n -> array(n, path(parent, field)));
  }

  static String reqString(ObjectNode object, String field, String parent) {
    return string(required(object, field, parent), path(parent, field));
  }

  static String reqNonEmptyString(ObjectNode object, String field, String parent) {
    String value = reqString(object, field, parent);
    if (value.isEmpty()) {
      throw invalid(path(parent, field), "'" + path(parent, field) + "' must not be empty");
    }
    return value;
  }

  static Optional<String> optString(ObjectNode object, String field, String parent) {
    return opt(object, field).map(n -> string(n, path(parent, field)));
  }

  static Optional<Boolean> optBoolean(ObjectNode object, String field, String parent) {
    return opt(object, field).map(n -> {
      if (!n.isBoolean()) {
        throw wrongType(path(parent, field), "a boolean", n);
      }
      return n.booleanValue();
    });
  }

  /** An integer within {@code [min, max]}; fractions and out-of-range values are refused. */
  static OptionalInt optInt(ObjectNode object, String field, String parent, int min, int max) {
    OptionalInt value = optInt(object, field, parent, min);
    if (value.isPresent() && value.getAsInt() > max) {
      String param = path(parent, field);
      throw invalid(param, "'" + param + "' must be an integer from " + min + " to " + max
          + ", got " + value.getAsInt());
    }
    return value;
  }

  /** An integer of at least {@code min}; fractions and out-of-range values are refused. */
  static OptionalInt optInt(ObjectNode object, String field, String parent, int min) {
    Optional<JsonNode> node = opt(object, field);
    if (node.isEmpty()) {
      return OptionalInt.empty();
    }
    String param = path(parent, field);
    JsonNode n = node.get();
    if (!n.isIntegralNumber()) {
      throw wrongType(param, "an integer", n);
    }
    if (!n.canConvertToInt() || n.intValue() < min) {
      throw invalid(param, "'" + param + "' must be an integer of at least " + min + ", got "
          + n.asText());
    }
    return OptionalInt.of(n.intValue());
  }

  static OptionalLong optLong(ObjectNode object, String field, String parent) {
    Optional<JsonNode> node = opt(object, field);
    if (node.isEmpty()) {
      return OptionalLong.empty();
    }
    String param = path(parent, field);
    JsonNode n = node.get();
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw invalid(param, "'" + param + "' must be a 64-bit integer, got "
          + (n.isNumber() ? n.asText() : kind(n)));
    }
    return OptionalLong.of(n.longValue());
  }

  /** A number within {@code [min, max]}. */
  static OptionalDouble optNumber(
      ObjectNode object, String field, String parent, double min, double max) {
    Optional<JsonNode> node = opt(object, field);
    if (node.isEmpty()) {
      return OptionalDouble.empty();
    }
    String param = path(parent, field);
    JsonNode n = node.get();
    if (!n.isNumber()) {
      throw wrongType(param, "a number", n);
    }
    double value = n.doubleValue();
    if (!(value >= min && value <= max)) {
      throw invalid(param, "'" + param + "' must be between " + plain(min) + " and "
          + plain(max) + ", got " + n.asText());
    }
    return OptionalDouble.of(value);
  }

  static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
