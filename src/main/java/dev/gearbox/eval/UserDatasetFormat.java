package dev.gearbox.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.wire.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON-lines format for training and evaluating a router on one's own logged traffic. One
 * object per line:
 *
 * <pre>{@code
 * {"id": "req-1",                       // optional; the line number otherwise
 *  "prompt": "the last user message",   // required: the text the router sees
 *  "turn": 1,                           // optional: user turns so far (default 1)
 *  "group": "conversation-7",           // optional: lines of one group share a fold
 *  "outcomes": {"gpt-4o": 1, "llama-3.1-8b": 0},      // required: per model, 1/0 correct
 *                                                     //   or a grade (higher is better)
 *  "answers": {"llama-3.1-8b": "The answer is 42."},  // optional: trains the cascade
 *  "output_tokens": {"gpt-4o": 212, "llama-3.1-8b": 180}}  // optional: for costs
 * }</pre>
 *
 * Output tokens default to the answer's token count when an answer is given, else to 256. With
 * exactly two models in the file the pair is inferred (the one with the lower mean outcome is
 * the small one); otherwise name them. Ids default to the line number.
 */
final class UserDatasetFormat {
  static final long DEFAULT_OUTPUT_TOKENS = 256;
  private static final TokenCounter TOKENS = TokenCounter.cl100k();

  private UserDatasetFormat() {}

  static RoutingDataset read(Path file, Optional<String> small, Optional<String> frontier) {
    List<JsonLines.Line> lines = JsonLines.read(file);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no examples: the format is one JSON"
          + " object per line, each with a \"prompt\" and the \"outcomes\" of the models");
    }
    List<RoutingExample> examples = new ArrayList<>();
    Set<String> models = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      RoutingExample example = example(lines.get(i).json(), lines.get(i).number(), file);
      models.addAll(example.quality().keySet());
      examples.add(example);
    }
    List<String> pair = pair(models, small, frontier, examples, file);
    return new RoutingDataset(file.getFileName().toString(), pair.get(0), pair.get(1), examples);
  }

  private static RoutingExample example(JsonNode line, int number, Path file) {
    String where = file + " line " + number;
    JsonNode prompt = line.get("prompt");
    JsonNode outcomes = line.get("outcomes");
    if (prompt == null || !prompt.isTextual()) {
      throw new IllegalArgumentException(where + ": \"prompt\" (a string) is required");
    }
    if (outcomes == null || !outcomes.isObject() || outcomes.isEmpty()) {
      throw new IllegalArgumentException(
          where + ": \"outcomes\" (an object of model to number) is required");
    }
    Map<String, Double> quality = new HashMap<>();
    outcomes.properties().forEach(e -> quality.put(e.getKey(), number(e.getValue(), where)));
    Map<String, String> answers = new HashMap<>();
    Optional.ofNullable(line.get("answers")).ifPresent(a -> a.properties()
        .forEach(e -> answers.put(e.getKey(), e.getValue().asText())));
    Map<String, Long> tokens = new HashMap<>();
    for (String model : quality.keySet()) {
      tokens.put(model, outputTokens(line, model, answers));
    }
    String id = line.hasNonNull("id") ? line.get("id").asText() : String.valueOf(number);
    String group = line.hasNonNull("group") ? line.get("group").asText() : id;
    int turn = line.hasNonNull("turn") ? Math.max(1, line.get("turn").asInt()) : 1;
    return new RoutingExample(id, group, prompt.asText(), turn, quality, answers, tokens);
  }

  private static double number(JsonNode value, String where) {
    if (value.isBoolean()) {
      return value.asBoolean() ? 1 : 0;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException(where + ": outcomes must be numbers or booleans");
    }
    return value.asDouble();
  }

  private static long outputTokens(JsonNode line, String model, Map<String, String> answers) {
    JsonNode given = line.path("output_tokens").get(model);
    if (given != null && given.canConvertToLong()) {
      return given.asLong();
    }
    String answer = answers.get(model);
    return answer == null ? DEFAULT_OUTPUT_TOKENS : TOKENS.count(answer);
  }

  private static List<String> pair(
      Set<String> models, Optional<String> small, Optional<String> frontier,
      List<RoutingExample> examples, Path file) {
    if (small.isPresent() && frontier.isPresent()) {
      return List.of(small.get(), frontier.get());
    }
    if (models.size() != 2) {
      throw new IllegalArgumentException(file + " has outcomes of " + models.size()
          + " models (" + String.join(", ", models) + "); name the pair with --small and"
          + " --frontier");
    }
    List<String> both = new ArrayList<>(models);
    both.sort(java.util.Comparator.comparingDouble(m -> meanQuality(examples, m)));
    if (small.isPresent()) {
      return List.of(small.get(), both.get(0).equals(small.get()) ? both.get(1) : both.get(0));
    }
    if (frontier.isPresent()) {
      return List.of(both.get(0).equals(frontier.get()) ? both.get(1) : both.get(0),
          frontier.get());
    }
    return both;
  }

  /** Without names, the weaker of two models (lower mean outcome) is the small one. */
  private static double meanQuality(List<RoutingExample> examples, String model) {
    return examples.stream().mapToDouble(e -> e.quality(model).orElse(0)).average().orElse(0);
  }
}
