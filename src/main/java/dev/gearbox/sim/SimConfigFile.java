package dev.gearbox.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a simulator configuration from YAML. Every key is optional; what is left out keeps the
 * value of {@link SimConfig#defaults()}, and leaving out {@code models} serves the default
 * models. Unknown keys are refused, so a typo does not silently keep a default:
 *
 * <pre>{@code
 * seed: 7
 * models:
 *   - name: sim-frontier
 *     recorded_model: gpt-4-1106-preview
 *     ttft_ms: 250
 *     tokens_per_second: 100
 *     context_window_tokens: 128000
 *     dialect: openai            # openai | vllm | llamacpp | sglang | ollama | anthropic
 *     faults:
 *       - kind: http_503         # any x-sim-fault spec
 *         count: 2               # the next 2 requests ...
 *       - kind: rate_limit;retry_after=3
 *         probability: 0.05      # ... or each request with this probability
 * }</pre>
 */
public final class SimConfigFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  record RawFault(String kind, Integer count, Double probability) {}

  record RawModel(
      String name,
      String recordedModel,
      Long ttftMs,
      Double tokensPerSecond,
      Integer contextWindowTokens,
      String dialect,
      List<RawFault> faults) {}

  record RawConfig(
      Long seed,
      Long timeoutHoldMs,
      Integer charsPerDelta,
      Long retryAfterSeconds,
      Integer receivedCapacity,
      List<RawModel> models) {}

  private SimConfigFile() {}

  /**
   * The configuration in {@code file}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   * @throws UncheckedIOException when the file cannot be read
   */
  public static SimConfig read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read simulator configuration " + file, e);
    }
  }

  /** The configuration in {@code yaml}; see {@link #read(Path)}. */
  public static SimConfig parse(String yaml) {
    if (yaml.isBlank()) {
      return SimConfig.defaults();
    }
    RawConfig raw;
    try {
      raw = YAML.readValue(yaml, RawConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "unknown key '"
              + e.getPropertyName()
              + "' at "
              + path(e)
              + "; known: "
              + e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", ")),
          e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          "malformed configuration at " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
    }
    return raw == null ? SimConfig.defaults() : toConfig(raw);
  }

  private static SimConfig toConfig(RawConfig raw) {
    SimConfig defaults = SimConfig.defaults();
    List<SimModel> models =
        raw.models() == null ? defaults.models() : models(raw.models(), defaults);
    return new SimConfig(
        models,
        or(raw.seed(), defaults.seed()),
        or(raw.timeoutHoldMs(), defaults.timeoutHoldMs()),
        or(raw.charsPerDelta(), defaults.charsPerDelta()),
        or(raw.retryAfterSeconds(), defaults.retryAfterSeconds()),
        or(raw.receivedCapacity(), defaults.receivedCapacity()));
  }

  private static List<SimModel> models(List<RawModel> raws, SimConfig defaults) {
    List<SimModel> models = new ArrayList<>();
    for (int i = 0; i < raws.size(); i++) {
      RawModel raw = raws.get(i);
      if (raw.name() == null || raw.recordedModel() == null) {
        throw new IllegalArgumentException("models[" + i + "] needs a name and a recorded_model");
      }
      String where = "models[" + i + "]";
      models.add(
          new SimModel(
              raw.name(),
              raw.recordedModel(),
              or(raw.ttftMs(), 0L),
              or(raw.tokensPerSecond(), 0.0),
              or(raw.contextWindowTokens(), 128_000),
              raw.dialect() == null ? ServerDialect.OPENAI : dialect(raw.dialect(), where),
              faults(raw.faults(), defaults.retryAfterSeconds(), where)));
    }
    return models;
  }

  private static ServerDialect dialect(String name, String where) {
    return ServerDialect.byId(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    where + ".dialect '" + name + "' is unknown; known: " + ServerDialect.known()));
  }

  private static List<FaultRule> faults(List<RawFault> raws, long retryAfterSeconds, String where) {
    List<FaultRule> rules = new ArrayList<>();
    for (int i = 0; raws != null && i < raws.size(); i++) {
      RawFault raw = raws.get(i);
      String at = where + ".faults[" + i + "]";
      if (raw.kind() == null) {
        throw new IllegalArgumentException(at + " needs a kind; known: " + FaultSpecs.KINDS);
      }
      try {
        rules.add(
            new FaultRule(
                Fault.parse(raw.kind(), retryAfterSeconds),
                or(raw.count(), 0),
                or(raw.probability(), 0.0)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
      }
    }
    return rules;
  }

  private static String path(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(ref -> ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName())
            .collect(Collectors.joining());
    return path.isEmpty() ? "the top level" : path.substring(path.startsWith(".") ? 1 : 0);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
