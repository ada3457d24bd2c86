package dev.gearbox.sim;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One name per recorded model across the sets, which spell them differently
 * ({@code mistralai/Mixtral-8x7B-Instruct-v0.1} in RouteLLM, {@code Mixtral-8x7B-Instruct-v0.1}
 * in MMLU-Pro), and the stand-ins used where a set lacks a model. The table is also in
 * {@code data/README.md}; keep the two in step.
 */
final class ModelNames {
  private static final Map<String, String> CANONICAL =
      Map.of(
          "mistralai/mixtral-8x7b-instruct-v0.1", "Mixtral-8x7B-Instruct",
          "mixtral-8x7b-instruct-v0.1", "Mixtral-8x7B-Instruct",
          "gpt-4o-2024-05-13", "gpt-4o",
          "meta-llama-3_1-8b-instruct", "Llama-3.1-8B-Instruct",
          "meta-llama-3_1-70b-instruct", "Llama-3.1-70B-Instruct",
          "meta-llama-3_1-8b", "Llama-3.1-8B",
          "meta-llama-3_1-70b", "Llama-3.1-70B",
          "meta-llama-3-8b", "Llama-3-8B",
          "meta-llama-3-70b", "Llama-3-70B");

  /**
   * MMLU-Pro was run after gpt-4-1106-preview was superseded; gpt-4o is its closest recorded
   * successor, so it stands in for the frontier model on that set only.
   */
  private static final Map<RecordedSet, Map<String, String>> STAND_INS =
      Map.of(RecordedSet.MMLU_PRO, Map.of("gpt-4-1106-preview", "gpt-4o"));

  private ModelNames() {}

  /** The canonical name of an upstream column name; unlisted names are kept as they are. */
  static String canonical(String upstreamName) {
    return CANONICAL.getOrDefault(upstreamName.toLowerCase(Locale.ROOT), upstreamName);
  }

  /** The model that answers for {@code canonicalName} in {@code set} when the set lacks it. */
  static Optional<String> standIn(RecordedSet set, String canonicalName) {
    return Optional.ofNullable(STAND_INS.getOrDefault(set, Map.of()).get(canonicalName));
  }
}
