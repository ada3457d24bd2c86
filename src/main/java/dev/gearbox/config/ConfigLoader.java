package dev.gearbox.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration (a file, or the embedded default bundled in the jar) and
 * validates it into a {@link GatewayConfig}. Errors name the file, the line and the key.
 */
public final class ConfigLoader {
  static final String EMBEDDED_DEFAULT = "/config/embedded-default.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final Function<String, Optional<String>> env;

  public ConfigLoader(Function<String, Optional<String>> env) {
    this.env = env;
  }

  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(name -> Optional.ofNullable(System.getenv(name)));
  }

  /** The file's configuration, or the embedded default when {@code file} is empty. */
  public GatewayConfig load(Optional<Path> file, Path dataDir) {
    if (file.isEmpty()) {
      return loadEmbeddedDefault(dataDir);
    }
    Path path = file.get();
    if (!Files.isRegularFile(path)) {
      throw new ConfigException(path.toString(), List.of("the file does not exist"));
    }
    try (InputStream in = Files.newInputStream(path)) {
      return parse(in, path.toString(), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public GatewayConfig loadEmbeddedDefault(Path dataDir) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED_DEFAULT)) {
      if (in == null) {
        throw new IllegalStateException("the embedded default configuration is missing");
      }
      return parse(in, "(embedded default)", dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded default configuration", e);
    }
  }

  /** Parses YAML text, as read from {@code source}. */
  public GatewayConfig parse(String yaml, String source, Path dataDir) {
    return parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), source, dataDir);
  }

  private GatewayConfig parse(InputStream in, String source, Path dataDir) {
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    RawConfig raw;
    try {
      raw = YAML.readValue(text, RawConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(source, List.of(unknownKey(e, text)));
    } catch (JacksonException e) {
      throw new ConfigException(source, List.of(describe(e)));
    }
    if (raw == null) {
      throw new ConfigException(source, List.of("the file is empty"));
    }
    return new ConfigValidator(env, source, dataDir).validate(raw);
  }

  private static String unknownKey(UnrecognizedPropertyException e, String text) {
    String known =
        e.getKnownPropertyIds().stream()
            .map(Object::toString)
            .sorted()
            .collect(Collectors.joining(", "));
    return "line %d: unknown key '%s' at %s; known keys there: %s"
        .formatted(keyLine(text, e.getPropertyName(), line(e)), e.getPropertyName(), path(e),
            known);
  }

  /**
   * YAML parsers report the position after an unknown key's value, so the line of the key itself
   * is found in the text: the first line that declares it, else the parser's line.
   */
  private static int keyLine(String text, String key, int parserLine) {
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith(key + ":") || line.startsWith("- " + key + ":")) {
        return i + 1;
      }
    }
    return parserLine;
  }

  private static String describe(JacksonException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid) {
      return "line %d at %s: expected %s, got '%s'".formatted(line(e), path(e),
          expected(invalid.getTargetType()), invalid.getValue());
    }
    String what = e.getOriginalMessage();
    int cut = what.indexOf(" (");
    String brief = cut > 0 && what.contains("java.") ? what.substring(0, cut) : what;
    brief = brief.replaceAll("`?[a-z]+\\.[a-z.]+\\.([A-Z][A-Za-z$]*)`?", "$1");
    return "line %d at %s: %s".formatted(line(e), path(e), brief);
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static int line(JacksonException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }

  private static String path(JacksonException e) {
    if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException d)) {
      return "(document)";
    }
    String joined =
        d.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return joined.isEmpty() ? "(document)" : joined;
  }

}
