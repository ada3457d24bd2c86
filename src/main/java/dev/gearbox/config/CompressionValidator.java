package dev.gearbox.config;

import dev.gearbox.compress.CompressionMethod;
import dev.gearbox.compress.CompressionSettings;
import dev.gearbox.config.RawConfig.RawCompression;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Tier;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the {@code compression:} section. Absent, the stage is off; present, every key has
 * a default ({@link CompressionSettings#defaults}), and the summary method writes with the
 * first small-tier model unless {@code summary_model} names another.
 */
final class CompressionValidator {
  private final List<String> problems;

  CompressionValidator(List<String> problems) {
    this.problems = problems;
  }

  CompressionSettings compression(RawCompression raw, List<ModelSpec> models) {
    if (raw == null) {
      CompressionSettings off = CompressionSettings.disabled();
      return smallModel(models).map(off::withSummaryModel).orElse(off);
    }
    CompressionMethod method = method(raw.method());
    CompressionSettings defaults = CompressionSettings.defaults(true, method);
    int minTokens = atLeast(raw.minPromptTokens(), defaults.minPromptTokens(), 0,
        "min_prompt_tokens");
    int keepLast = atLeast(raw.keepLastTurns(), defaults.keepLastTurns(), 0, "keep_last_turns");
    double ratio = share(raw.targetRatio(), defaults.targetRatio(), "target_ratio");
    double keepShare =
        share(raw.sentenceKeepShare(), defaults.sentenceKeepShare(), "sentence_keep_share");
    int summaryTokens = atLeast(raw.summaryMaxTokens(), defaults.summaryMaxTokens(), 1,
        "summary_max_tokens");
    int cached = atLeast(raw.cachedSummaries(), defaults.cachedSummaries(), 1,
        "cached_summaries");
    Optional<String> summaryModel = summaryModel(raw.summaryModel(), method, models);
    return new CompressionSettings(!Boolean.FALSE.equals(raw.enabled()), method, minTokens,
        keepLast, tiers(raw.tiers()), ratio, keepShare, summaryModel, summaryTokens, cached);
  }

  private CompressionMethod method(String raw) {
    if (raw == null) {
      return CompressionMethod.EXTRACTIVE;
    }
    Optional<CompressionMethod> method = CompressionMethod.named(raw);
    if (method.isEmpty()) {
      problems.add("compression.method must be extractive or summary, got '" + raw + "'");
    }
    return method.orElse(CompressionMethod.EXTRACTIVE);
  }

  private Set<Tier> tiers(List<String> raw) {
    if (raw == null) {
      return Set.of(Tier.FRONTIER);
    }
    Set<Tier> tiers = EnumSet.noneOf(Tier.class);
    for (String name : raw) {
      switch (String.valueOf(name)) {
        case "frontier" -> tiers.add(Tier.FRONTIER);
        case "small" -> tiers.add(Tier.SMALL);
        default -> problems.add(
            "compression.tiers: each must be small or frontier, got '" + name + "'");
      }
    }
    return tiers;
  }

  private Optional<String> summaryModel(
      String raw, CompressionMethod method, List<ModelSpec> models) {
    if (raw != null) {
      if (models.stream().noneMatch(m -> m.alias().equals(raw))) {
        problems.add("compression.summary_model '" + raw + "' is not a configured model");
      }
      return Optional.of(raw);
    }
    Optional<String> small = smallModel(models);
    if (small.isEmpty() && method == CompressionMethod.SUMMARY) {
      problems.add("compression.method summary needs a model to write summaries: configure a"
          + " small-tier model or set compression.summary_model");
    }
    return small;
  }

  private static Optional<String> smallModel(List<ModelSpec> models) {
    return models.stream().filter(m -> m.tier() == Tier.SMALL).map(ModelSpec::alias).findFirst();
  }

  private int atLeast(Integer raw, int fallback, int min, String key) {
    if (raw == null) {
      return fallback;
    }
    if (raw < min) {
      problems.add("compression.%s must be at least %d, got %d".formatted(key, min, raw));
      return fallback;
    }
    return raw;
  }

  private double share(Double raw, double fallback, String key) {
    if (raw == null) {
      return fallback;
    }
    if (!(raw > 0 && raw <= 1)) {
      problems.add(String.format(Locale.ROOT,
          "compression.%s must be above 0 and at most 1, got %s", key, raw));
      return fallback;
    }
    return raw;
  }
}
