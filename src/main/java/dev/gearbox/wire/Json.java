package dev.gearbox.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/**
 * The project's one JSON mapper.
 *
 * <p>Why these settings: a body must be exactly one JSON value ({@code FAIL_ON_TRAILING_TOKENS},
 * so {@code {"a":1}{"b":2}} is refused rather than half-read); a repeated key is refused
 * ({@code STRICT_DUPLICATE_DETECTION}) because two parsers in a chain could otherwise disagree on
 * which value wins; strings may be long enough for a 20 MB base64 image; and floating-point
 * numbers are kept as exact decimals (trailing zeros included) so that JSON schemas and tool
 * arguments re-serialise to the text the client sent.
 */
public final class Json {
  /** Longest JSON string accepted, in chars: a 20 MB image is ~27 M chars of base64. */
  public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

  /** Deepest nesting accepted; JSON schemas nest, but never this far. */
  public static final int MAX_NESTING_DEPTH = 200;

  /** Longest number accepted, in digits (Jackson's default, stated so errors can name it). */
  public static final int MAX_NUMBER_CHARS = 1000;

  public static final ObjectMapper MAPPER = create();

  static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

  private Json() {}

  private static ObjectMapper create() {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxStringLength(MAX_STRING_CHARS)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
    return JsonMapper.builder(factory)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .addModule(new Jdk8Module())
        .build();
  }
}
