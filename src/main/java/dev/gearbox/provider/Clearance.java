package dev.gearbox.provider;

import dev.gearbox.model.GatewayError;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where one request's content may be sent: the localities its data label allows. Every upstream
 * call passes through {@link FallbackChain}, which checks each candidate's provider against the
 * clearance before a byte is sent, so no caller (fallback, retry, fan-out, cascade escalation,
 * second sample, summary) can reach a provider the label forbids, whatever its candidate list.
 *
 * @param label the data label's name, for the refusal
 * @param allowed the provider localities the label allows; never empty
 */
public record Clearance(String label, Set<Locality> allowed) {

  /** No restriction: for calls that carry no client content (and for tests of the chain). */
  public static final Clearance ANYWHERE = new Clearance("any", Set.of(Locality.values()));

  public Clearance {
    Objects.requireNonNull(label, "label");
    allowed = Set.copyOf(allowed);
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("a clearance allows at least one locality");
    }
  }

  public boolean permits(ProviderSpec provider) {
    return allowed.contains(provider.locality());
  }

  /** Why {@code candidate} was not called: for its attempt record and the refusal. */
  GatewayError.Forbidden withheld(Candidate candidate) {
    return new GatewayError.Forbidden("data label '" + label + "' allows " + localities()
        + " providers only, and model '" + candidate.model().alias() + "' runs on provider '"
        + candidate.provider().spec().name() + "' ("
        + name(candidate.provider().spec().locality()) + "); it was not called");
  }

  private String localities() {
    return allowed.stream().sorted().map(Clearance::name).collect(Collectors.joining(" or "));
  }

  private static String name(Locality locality) {
    return locality.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
