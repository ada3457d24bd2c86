package dev.gearbox.policy;

import dev.gearbox.model.GatewayError;
import dev.gearbox.provider.Locality;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a request's data may go. Labels are ordered from least to most sensitive, and each label
 * names the provider localities allowed to receive data under it (by default {@code restricted}
 * data stays on-prem). A request's label is the higher of its key's label and the label it asks
 * for, so a client can raise the protection of a call but never lower what its key carries. A
 * more sensitive label may only narrow where data goes, never widen it: otherwise raising a
 * label would lower the protection. {@code airgap} forbids external providers outright: such a
 * configuration does not start, and every label allows on-prem providers only whatever the
 * configuration says.
 *
 * @param labels every label, lowest first; a label's rank is its position
 * @param defaultLabel the label of a request when neither its key nor the request names one
 * @param allowed the localities each label (by name) may be sent to; never empty
 */
public record DataPolicy(
    boolean airgap,
    List<DataLabel> labels,
    DataLabel defaultLabel,
    Map<String, Set<Locality>> allowed) {

  /** The header a request names its label in. */
  public static final String HEADER = "x-gearbox-data-label";

  /** public &lt; internal &lt; restricted; restricted data goes to on-prem providers only. */
  public static final DataPolicy STANDARD = standard(false);

  public DataPolicy {
    labels = List.copyOf(labels);
    Objects.requireNonNull(defaultLabel, "defaultLabel");
    Map<String, Set<Locality>> copy = new LinkedHashMap<>();
    allowed.forEach((name, localities) -> copy.put(name, Set.copyOf(localities)));
    allowed = Map.copyOf(copy);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("a data policy needs at least one label");
    }
    for (int i = 0; i < labels.size(); i++) {
      DataLabel label = labels.get(i);
      if (label.rank() != i) {
        throw new IllegalArgumentException("label '" + label + "' must have rank " + i);
      }
      Set<Locality> here = allowed.getOrDefault(label.name(), Set.of());
      if (here.isEmpty()) {
        throw new IllegalArgumentException("label '" + label + "' allows no provider locality");
      }
      if (i > 0) {
        DataLabel lower = labels.get(i - 1);
        Set<Locality> wider = EnumSet.copyOf(here);
        wider.removeAll(allowed.getOrDefault(lower.name(), Set.of()));
        if (!wider.isEmpty()) {
          throw new IllegalArgumentException("label '" + label + "' allows "
              + String.join(", ", wider.stream().sorted().map(PolicyGuard::name).toList())
              + " providers, which the less sensitive '" + lower + "' does not; a more"
              + " sensitive label may only narrow where data goes");
        }
      }
    }
    if (!labels.contains(defaultLabel)) {
      throw new IllegalArgumentException("the default label '" + defaultLabel + "' is not a label");
    }
  }

  /** The standard labels and rules, with or without air-gap. */
  public static DataPolicy standard(boolean airgap) {
    List<DataLabel> labels = ranked(List.of("public", "internal", "restricted"));
    Set<Locality> anywhere = EnumSet.allOf(Locality.class);
    return new DataPolicy(airgap, labels, labels.getFirst(), Map.of(
        "public", anywhere, "internal", anywhere, "restricted", EnumSet.of(Locality.ON_PREM)));
  }

  /** Labels ranked in the order given, lowest first. */
  public static List<DataLabel> ranked(List<String> names) {
    List<DataLabel> labels = new ArrayList<>();
    for (String name : names) {
      labels.add(new DataLabel(name, labels.size()));
    }
    return labels;
  }

  public Optional<DataLabel> label(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return labels.stream().filter(l -> l.name().equals(wanted)).findFirst();
  }

  /** The localities data under {@code label} may be sent to: on-prem only when air-gapped. */
  public Set<Locality> allowedFor(DataLabel label) {
    Set<Locality> localities = allowed.get(label.name());
    if (localities == null) {
      throw new IllegalArgumentException("label '" + label + "' is not part of this policy");
    }
    return airgap ? Set.of(Locality.ON_PREM) : localities;
  }

  /**
   * A request's label: the higher of its key's label and the one it asked for, else the default.
   *
   * @throws dev.gearbox.model.GatewayException (InvalidRequest) when the asked label is unknown
   */
  public DataLabel resolve(Optional<DataLabel> keyLabel, Optional<String> asked) {
    return resolve(keyLabel, asked.stream().toList());
  }

  /**
   * A request's label when the header came more than once, or as a comma-separated list (as a
   * proxy that adds its own label to the client's may send it): the highest of the key's label
   * and every label named. Blank values name nothing; one unknown name refuses the request.
   *
   * @throws dev.gearbox.model.GatewayException (InvalidRequest) when an asked label is unknown
   */
  public DataLabel resolve(Optional<DataLabel> keyLabel, List<String> asked) {
    DataLabel label = keyLabel.orElse(defaultLabel);
    for (String value : asked) {
      for (String name : value.split(",", -1)) {
        if (!name.isBlank()) {
          label = label.higher(known(name));
        }
      }
    }
    return label;
  }

  private DataLabel known(String name) {
    return label(name).orElseThrow(() -> GatewayError.InvalidRequest.forParam(HEADER,
        "unknown data label in " + HEADER + "; known labels, least to most sensitive: "
            + String.join(", ", labels.stream().map(DataLabel::name).toList()))
        .toException());
  }
}
