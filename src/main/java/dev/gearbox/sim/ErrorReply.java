package dev.gearbox.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/** An error answer: status, extra headers (Retry-After) and the JSON body. */
record ErrorReply(int status, Map<String, String> headers, ObjectNode body) {
  ErrorReply {
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  static ErrorReply of(int status, ObjectNode body) {
    return new ErrorReply(status, Map.of(), body);
  }
}
