package dev.gearbox.policy;

import dev.gearbox.model.GatewayError;
import dev.gearbox.provider.ModelSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data-label verdict on one request's route: the candidates its label allows, in their
 * order, and those it excluded (as {@code "alias (external)"}). With none allowed the request is
 * refused with {@link #refusal()}.
 */
public record Screening(
    DataLabel label, List<ModelSpec> allowed, List<String> excluded, String allowedLocalities) {

  public Screening {
    Objects.requireNonNull(label, "label");
    allowed = List.copyOf(allowed);
    excluded = List.copyOf(excluded);
    Objects.requireNonNull(allowedLocalities, "allowedLocalities");
  }

  public boolean refused() {
    return allowed.isEmpty();
  }

  /** What the decision records when candidates were excluded, e.g. for the route reason. */
  public Optional<String> note() {
    if (excluded.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("data label " + label + " excluded " + String.join(", ", excluded));
  }

  /** The same for a cascade's escalation models, when some were excluded. */
  public Optional<String> escalationNote() {
    if (excluded.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "data label " + label + " excluded escalation to " + String.join(", ", excluded));
  }

  /** The error a refused request gets: which label, what it allows, what was excluded. */
  public GatewayError.Forbidden refusal() {
    return new GatewayError.Forbidden(
        "data label '" + label + "' allows " + allowedLocalities + " providers only, and every"
            + " model that could serve this request runs elsewhere: " + String.join(", ", excluded)
            + "; give the model an allowed fallback or ask for a model that runs "
            + allowedLocalities);
  }
}
