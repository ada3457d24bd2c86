package dev.gearbox.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The one serialisation that hashes and signatures cover: compact JSON, object keys sorted by
 * their UTF-16 code units, arrays in order, strings as Jackson escapes them, numbers as written.
 * The same tree always gives the same text, so a record's hash does not depend on the order in
 * which its fields were set. The stored record is exactly this text, and its hash is taken over
 * its UTF-8 bytes, so verification never has to re-serialise anything.
 */
final class Canonical {
  /** The {@code prev} of the first record: 64 zeros. */
  static final String GENESIS = "0".repeat(64);

  private Canonical() {}

  static String json(JsonNode node) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
      write(node, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise an audit value", e);
    }
    return text.toString();
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static void write(JsonNode node, JsonGenerator out) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
          out.writeFieldName(name);
          write(node.get(name), out);
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode element : node) {
          write(element, out);
        }
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case NUMBER -> writeNumber(node, out);
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NULL -> out.writeNull();
      case BINARY, POJO, MISSING ->
          throw new IllegalArgumentException("no canonical form for a " + node.getNodeType());
    }
  }

  private static void writeNumber(JsonNode node, JsonGenerator out) throws IOException {
    if (node.isIntegralNumber()) {
      out.writeNumber(node.bigIntegerValue());
    } else {
      out.writeNumber(node.decimalValue());
    }
  }
}
