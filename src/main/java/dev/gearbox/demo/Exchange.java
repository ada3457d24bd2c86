package dev.gearbox.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One HTTP exchange with the gateway: the status (0 when no answer came), the headers and body
 * of the answer, and when it was sent and how long it took.
 */
record Exchange(int status, HttpHeaders headers, byte[] body, long startedMs, long latencyMs) {

  static Exchange failed(long startedMs, long latencyMs) {
    return new Exchange(0, HttpHeaders.of(java.util.Map.of(), (a, b) -> true), new byte[0],
        startedMs, latencyMs);
  }

  Optional<String> header(String name) {
    return headers.firstValue(name).map(String::strip).filter(v -> !v.isEmpty());
  }

  Optional<BigDecimal> usd(String name) {
    try {
      return header(name).map(BigDecimal::new);
    } catch (NumberFormatException notAnAmount) {
      return Optional.empty();
    }
  }

  /** The answer's text, read as the API it came from writes it; empty when there is none. */
  Optional<String> text(Api api) {
    if (status != 200) {
      return Optional.empty();
    }
    try {
      JsonNode answer = Json.MAPPER.readTree(body);
      JsonNode text = switch (api) {
        case OPENAI -> answer.at("/choices/0/message/content");
        case ANTHROPIC -> answer.at("/content/0/text");
      };
      return text.isTextual() ? Optional.of(text.asText()) : Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }
}
