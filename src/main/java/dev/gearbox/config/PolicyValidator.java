package dev.gearbox.config;

import dev.gearbox.audit.AuditSettings;
import dev.gearbox.config.RawConfig.RawAudit;
import dev.gearbox.config.RawConfig.RawDataLabels;
import dev.gearbox.policy.AirGap;
import dev.gearbox.policy.DataLabel;
import dev.gearbox.policy.DataPolicy;
import dev.gearbox.provider.Locality;
import dev.gearbox.provider.ProviderSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the governance side of the configuration: air-gap, data labels (with the label of
 * each key) and the audit log. Without {@code data_labels} the standard labels apply; without
 * {@code allow}, the most sensitive label stays on-prem and the others may go anywhere.
 */
final class PolicyValidator {
  private final List<String> problems;

  PolicyValidator(List<String> problems) {
    this.problems = problems;
  }

  DataPolicy policy(Boolean rawAirgap, RawDataLabels raw, List<ProviderSpec> providers) {
    boolean airgap = Boolean.TRUE.equals(rawAirgap);
    problems.addAll(AirGap.problems(airgap, providers));
    if (raw == null) {
      return DataPolicy.standard(airgap);
    }
    Optional<List<DataLabel>> labels = labels(raw.order());
    if (labels.isEmpty()) {
      return DataPolicy.standard(airgap);
    }
    DataLabel defaultLabel = defaultLabel(raw.defaultLabel(), labels.get());
    Map<String, Set<Locality>> allowed = raw.allow() == null
        ? mostSensitiveOnPrem(labels.get())
        : allowed(raw.allow(), labels.get());
    try {
      return new DataPolicy(airgap, labels.get(), defaultLabel, allowed);
    } catch (IllegalArgumentException e) {
      problems.add("data_labels: " + e.getMessage());
      return DataPolicy.standard(airgap);
    }
  }

  /** The label a key carries, when it names one the policy knows. */
  Optional<DataLabel> keyLabel(String raw, DataPolicy policy, String where) {
    if (raw == null) {
      return Optional.empty();
    }
    Optional<DataLabel> label = policy.label(raw);
    if (label.isEmpty()) {
      problems.add(where + ": data_label '" + raw + "' is not a label; known: " + names(policy));
    }
    return label;
  }

  AuditSettings audit(RawAudit raw) {
    if (raw == null) {
      return AuditSettings.DEFAULTS;
    }
    AuditSettings defaults = AuditSettings.DEFAULTS;
    int every = raw.checkpointEvery() == null
        ? defaults.checkpointEveryRecords()
        : raw.checkpointEvery();
    if (every < 1) {
      problems.add("audit.checkpoint_every must be at least 1, got " + every);
      every = defaults.checkpointEveryRecords();
    }
    Duration interval = defaults.checkpointInterval();
    if (raw.checkpointIntervalMs() != null) {
      if (raw.checkpointIntervalMs() <= 0) {
        problems.add("audit.checkpoint_interval_ms must be positive, got "
            + raw.checkpointIntervalMs());
      } else {
        interval = Duration.ofMillis(raw.checkpointIntervalMs());
      }
    }
    return new AuditSettings(Boolean.TRUE.equals(raw.logContent()), every, interval);
  }

  private Optional<List<DataLabel>> labels(List<String> order) {
    if (order == null || order.isEmpty()) {
      problems.add("data_labels.order must list the labels, least sensitive first");
      return Optional.empty();
    }
    if (new HashSet<>(order).size() != order.size()) {
      problems.add("data_labels.order names a label twice: " + order);
      return Optional.empty();
    }
    try {
      return Optional.of(DataPolicy.ranked(order));
    } catch (IllegalArgumentException e) {
      problems.add("data_labels.order: " + e.getMessage());
      return Optional.empty();
    }
  }

  private DataLabel defaultLabel(String raw, List<DataLabel> labels) {
    if (raw == null) {
      return labels.getFirst();
    }
    return labels.stream().filter(l -> l.name().equals(raw)).findFirst().orElseGet(() -> {
      problems.add("data_labels.default '" + raw + "' is not in data_labels.order");
      return labels.getFirst();
    });
  }

  private static Map<String, Set<Locality>> mostSensitiveOnPrem(List<DataLabel> labels) {
    Map<String, Set<Locality>> allowed = new LinkedHashMap<>();
    labels.forEach(l -> allowed.put(l.name(), EnumSet.allOf(Locality.class)));
    allowed.put(labels.getLast().name(), EnumSet.of(Locality.ON_PREM));
    return allowed;
  }

  private Map<String, Set<Locality>> allowed(
      Map<String, List<String>> raw, List<DataLabel> labels) {
    Map<String, Set<Locality>> allowed = new LinkedHashMap<>();
    for (DataLabel label : labels) {
      List<String> localities = raw.get(label.name());
      if (localities == null || localities.isEmpty()) {
        problems.add("data_labels.allow." + label + " must list where its data may go"
            + " (on-prem, external)");
        allowed.put(label.name(), EnumSet.of(Locality.ON_PREM));
        continue;
      }
      allowed.put(label.name(), localities(localities, "data_labels.allow." + label));
    }
    raw.keySet().stream()
        .filter(name -> labels.stream().noneMatch(l -> l.name().equals(name)))
        .forEach(name -> problems.add("data_labels.allow names '" + name
            + "', which is not in data_labels.order"));
    return allowed;
  }

  private Set<Locality> localities(List<String> raw, String where) {
    Set<Locality> result = EnumSet.noneOf(Locality.class);
    for (String value : raw) {
      switch (value == null ? "" : value) {
        case "on-prem" -> result.add(Locality.ON_PREM);
        case "external" -> result.add(Locality.EXTERNAL);
        default -> problems.add(where + ": '" + value + "' is not on-prem or external");
      }
    }
    if (result.isEmpty()) {
      result.add(Locality.ON_PREM);
    }
    return result;
  }

  private static String names(DataPolicy policy) {
    return String.join(", ", policy.labels().stream().map(DataLabel::name).toList());
  }
}
