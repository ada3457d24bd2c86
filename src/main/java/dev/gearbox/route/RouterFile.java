package dev.gearbox.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes router files: JSON with a format tag, the embedding model's name, what the
 * prompt classifier reads ({@link PromptFeatures}), the logistic weights and the calibration
 * data. The default router is bundled in the jar as {@value #BUNDLED}. Files of the first
 * format ({@value #FIRST_FORMAT}, the embedding and traits only) are still read.
 */
public final class RouterFile {
  public static final String FORMAT = "gearbox-router/2";
  static final String FIRST_FORMAT = "gearbox-router/1";
  public static final String BUNDLED = "/router/default-router.json";

  private RouterFile() {}

  /** The router shipped in the jar (trained on the bundled recorded sets). */
  public static RouterModel bundled() {
    try (InputStream in = RouterFile.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the bundled router " + BUNDLED + " is missing");
      }
      return parse(Json.MAPPER.readTree(in), BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled router", e);
    }
  }

  /**
   * Reads a router file.
   *
   * @throws IllegalArgumentException when the file is not a router file of this format
   */
  public static RouterModel read(Path file) {
    try {
      return parse(Json.MAPPER.readTree(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read router file " + file + ": "
          + e.getMessage(), e);
    }
  }

  public static void write(RouterModel model, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, Json.MAPPER.writeValueAsString(json(model)) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write router file " + file, e);
    }
  }

  static ObjectNode json(RouterModel model) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("embedding_model", model.embeddingModel());
    ObjectNode features = root.putObject("features");
    features.put("embedding", model.features().embedding());
    features.put("term_buckets", model.features().termBuckets());
    root.put("trained_on", model.trainedOn());
    root.set("prompt_model", logistic(model.promptModel()));
    root.set("calibration", calibration(model.calibration()));
    model.answerModel().ifPresent(m -> root.set("answer_model", logistic(m)));
    model.answerCalibration().ifPresent(c -> root.set("answer_calibration", calibration(c)));
    return root;
  }

  private static RouterModel parse(JsonNode root, String source) {
    String format = root.path("format").asText();
    if (!FORMAT.equals(format) && !FIRST_FORMAT.equals(format)) {
      throw new IllegalArgumentException(source + " is not a router file (format "
          + FORMAT + "); train one with `gearbox train-router`");
    }
    PromptFeatures features = FORMAT.equals(format)
        ? new PromptFeatures(root.required("features").required("embedding").asBoolean(),
            root.required("features").required("term_buckets").asInt())
        : PromptFeatures.EMBEDDING_ONLY;
    LogisticModel promptModel = logistic(root.required("prompt_model"));
    return new RouterModel(
        root.path("embedding_model").asText(),
        features,
        root.path("trained_on").asText(),
        promptModel,
        calibration(root.required("calibration")),
        Optional.ofNullable(root.get("answer_model")).map(RouterFile::logistic),
        Optional.ofNullable(root.get("answer_calibration")).map(RouterFile::calibration));
  }

  private static ObjectNode logistic(LogisticModel model) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("bias", model.bias());
    array(node.putArray("weights"), model.weights());
    array(node.putArray("means"), model.means());
    array(node.putArray("scales"), model.scales());
    return node;
  }

  private static LogisticModel logistic(JsonNode node) {
    return new LogisticModel(doubles(node.required("weights")), node.required("bias").asDouble(),
        doubles(node.required("means")), doubles(node.required("scales")));
  }

  private static ObjectNode calibration(Calibration calibration) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    array(node.putArray("scores"), calibration.scores());
    array(node.putArray("small_quality"), calibration.smallQuality());
    array(node.putArray("frontier_quality"), calibration.frontierQuality());
    return node;
  }

  private static Calibration calibration(JsonNode node) {
    return new Calibration(doubles(node.required("scores")),
        doubles(node.required("small_quality")), doubles(node.required("frontier_quality")));
  }

  /** Six significant digits keep the file small and change no decision measurably. */
  private static void array(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v)));
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
