package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ClientText;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolChoice;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules on tool definitions both providers enforce, checked early for a clearer message.
 *
 * <p>A tool's parameters must be an object schema for both: the Messages API refuses an
 * {@code input_schema} without {@code type}, OpenAI one without {@code properties}. Clients
 * write a tool without parameters as {@code {}} or {@code {"type":"object"}}, and MCP servers
 * often leave {@code type} out, so those are completed; a schema of another type is refused.
 */
final class ToolNames {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private ToolNames() {}

  static String check(String name, String param) {
    if (!NAME.matcher(name).matches()) {
      throw Fields.invalid(param, "tool name '" + clip(name) + "' in '" + param + "' must be 1 "
          + "to 64 characters of letters, digits, '_' or '-'");
    }
    return name;
  }

  /** The schema of a function without parameters, as both providers expect one. */
  static ObjectNode emptySchema() {
    ObjectNode schema = Json.NODES.objectNode();
    schema.put("type", "object");
    schema.putObject("properties");
    return schema;
  }

  /** The schema with {@code type: object} and {@code properties} filled in where missing. */
  static ObjectNode objectSchema(ObjectNode schema, String param) {
    JsonNode type = schema.get("type");
    if (type != null && !(type.isTextual() && type.textValue().equals("object"))) {
      throw Fields.invalid(Fields.path(param, "type"), "'" + Fields.path(param, "type")
          + "' must be 'object': a tool's parameters are an object schema; got " + type);
    }
    if (type != null && schema.path("properties").isObject()) {
      return schema;
    }
    ObjectNode complete = schema.deepCopy();
    complete.put("type", "object");
    if (!complete.path("properties").isObject()) {
      complete.putObject("properties");
    }
    return complete;
  }

  /** A named choice must name a defined tool, and a forced call needs some tool to call. */
  static void checkChoice(ToolChoice choice, List<Tool> tools, String param) {
    switch (choice) {
      case ToolChoice.Named named -> {
        if (tools.stream().noneMatch(t -> t.name().equals(named.name()))) {
          throw Fields.invalid(param, "'" + param + "' names the tool '" + clip(named.name())
              + "', which is not in 'tools'");
        }
      }
      case ToolChoice.Required required -> {
        if (tools.isEmpty()) {
          throw Fields.invalid(param, "'" + param + "' requires a tool call, but no 'tools' "
              + "are defined");
        }
      }
      case ToolChoice.Auto auto -> { }
      case ToolChoice.None none -> { }
    }
  }

  private static String clip(String value) {
    return ClientText.shown(value);
  }
}
