package dev.gearbox.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Choice;
import dev.gearbox.model.ToolCall;
import dev.gearbox.wire.Json;
import java.util.List;
import java.util.Locale;

/**
 * What the content digests cover, as JSON trees. The request is the canonical {@link
 * ChatRequest}, whichever API it came in on. The answer is reduced to what the model said (per
 * choice: its text, tool calls and finish reason), so a streamed answer and the same answer sent
 * whole have the same digest.
 */
final class ContentTrees {
  /** Records as JSON with snake_case names, like the rest of an audit record. */
  static final ObjectMapper SNAKE =
      Json.MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private ContentTrees() {}

  static JsonNode request(ChatRequest request) {
    return SNAKE.valueToTree(request);
  }

  static ArrayNode answer(List<Choice> choices) {
    ArrayNode answer = SNAKE.createArrayNode();
    for (Choice choice : choices) {
      ObjectNode node = answer.addObject()
          .put("index", choice.index())
          .put("text", choice.message().text())
          .put("finish_reason", choice.finishReason().name().toLowerCase(Locale.ROOT));
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : choice.message().toolCalls()) {
        calls.addObject()
            .put("id", call.id())
            .put("name", call.name())
            .put("arguments", call.argumentsJson());
      }
    }
    return answer;
  }

  /** Any record (a routing decision) as a snake_case tree. */
  static JsonNode tree(Object value) {
    return SNAKE.valueToTree(value);
  }
}
