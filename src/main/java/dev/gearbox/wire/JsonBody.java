package dev.gearbox.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a body into a JSON object, or into an error a person can act on.
 *
 * <p>Jackson's own messages name Java types and source descriptors, so they are never passed on
 * whole: a client learns what was wrong and where (line and column), plus Jackson's short reason
 * when that reason is plain words. Bodies from an upstream get no reason at all, only the
 * position: an upstream's body may hold anything, and none of it belongs in a client's error.
 */
final class JsonBody {
  private static final Pattern UNSAFE_REASON = Pattern.compile("`|com\\.|java\\.|\\[Source");
  private static final int MAX_REASON_CHARS = 200;
  /** Where Jackson's short reason ends and its internal detail (source, feature names) begins. */
  private static final List<String> DETAIL_TAILS = List.of(" (for ", ": enable ", " at [Source");

  private JsonBody() {}

  /** Parses a client request body; every failure is a 400 {@code InvalidRequest}. */
  static ObjectNode parseRequest(byte[] body) {
    if (isBlank(body)) {
      throw invalid("the request body is empty; send a JSON object");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw invalid(clientProblem(e));
    }
    if (!root.isObject()) {
      throw invalid("the request body must be a JSON object, got " + Fields.kind(root));
    }
    UnpairedSurrogates.check(root);
    return (ObjectNode) root;
  }

  /** Parses an upstream answer; every failure is a 502 {@code UpstreamFailed}. */
  static ObjectNode parseUpstream(byte[] body, String what) {
    if (isBlank(body)) {
      throw upstream(what + " is empty");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw upstream(what + " is not valid JSON" + position(e));
    }
    if (!root.isObject()) {
      throw upstream(what + " is not a JSON object");
    }
    return (ObjectNode) root;
  }

  static ObjectNode parseUpstream(String body, String what) {
    return parseUpstream(body.getBytes(StandardCharsets.UTF_8), what);
  }

  private static String clientProblem(IOException e) {
    return switch (e) {
      case JsonEOFException eof -> "the JSON body is truncated: it ends" + position(eof)
          + " before the value is complete";
      case StreamConstraintsException limit -> "the JSON body exceeds a size limit (strings up to "
          + Json.MAX_STRING_CHARS + " chars, numbers up to " + Json.MAX_NUMBER_CHARS
          + " digits, nesting up to " + Json.MAX_NESTING_DEPTH + " levels)";
      case MismatchedInputException trailing -> "the JSON body has extra content after the "
          + "request object" + position(trailing);
      case JsonParseException parse -> "the JSON body is malformed" + position(parse)
          + reason(parse).map(r -> ": " + r).orElse("");
      default -> "the JSON body could not be read";
    };
  }

  private static String position(IOException e) {
    if (!(e instanceof JsonProcessingException processing)) {
      return "";
    }
    JsonLocation at = processing.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return "";
    }
    return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static Optional<String> reason(JsonProcessingException e) {
    String original = e.getOriginalMessage();
    if (original == null) {
      return Optional.empty();
    }
    String firstLine = original.lines().findFirst().orElse("");
    for (String tail : DETAIL_TAILS) {
      int at = firstLine.indexOf(tail);
      firstLine = at < 0 ? firstLine : firstLine.substring(0, at);
    }
    firstLine = firstLine.strip();
    if (firstLine.isEmpty() || UNSAFE_REASON.matcher(firstLine).find()) {
      return Optional.empty();
    }
    return Optional.of(firstLine.length() > MAX_REASON_CHARS
        ? firstLine.substring(0, MAX_REASON_CHARS) + "..."
        : firstLine);
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static GatewayException invalid(String message) {
    return GatewayError.InvalidRequest.of(message).toException();
  }

  private static GatewayException upstream(String message) {
    return new GatewayError.UpstreamFailed(message, 502, 0).toException();
  }
}
