package dev.gearbox.route;

import dev.gearbox.provider.ModelSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Model names as clients write them, resolved to the configured alias they mean. */
public final class ModelNames {
  private ModelNames() {}

  /**
   * The configured name a client's model name means. An alias or router alias as configured is
   * itself; otherwise, in order: the one alias (or router alias) equal to it ignoring case, and,
   * for {@code provider/name} with a configured provider (ignoring case), the one model of that
   * provider whose alias or upstream model name is {@code name} (again ignoring case). Clients
   * ported from gateways that spell models {@code openai/gpt-4o}, and names typed with other
   * capitals, reach the model they mean; a name that matches nothing, or more than one model,
   * is returned as it is, for the route stage to refuse with the list of known aliases.
   */
  public static String canonical(List<ModelSpec> models, String asked) {
    if (RoutePlanner.ROUTER_ALIASES.contains(asked)
        || models.stream().anyMatch(m -> m.alias().equals(asked))) {
      return asked;
    }
    Optional<String> byCase = unique(names(models).filter(n -> n.equalsIgnoreCase(asked)));
    if (byCase.isPresent()) {
      return byCase.get();
    }
    int slash = asked.indexOf('/');
    if (slash <= 0) {
      return asked;
    }
    String provider = asked.substring(0, slash);
    String name = asked.substring(slash + 1);
    List<ModelSpec> served = models.stream()
        .filter(m -> m.providerName().equalsIgnoreCase(provider)).toList();
    return unique(served.stream().filter(m -> m.alias().equals(name)).map(ModelSpec::alias))
        .or(() -> unique(served.stream().filter(m -> m.alias().equalsIgnoreCase(name)
            || m.upstreamModel().equalsIgnoreCase(name)).map(ModelSpec::alias)))
        .orElse(asked);
  }

  private static Stream<String> names(List<ModelSpec> models) {
    return Stream.concat(RoutePlanner.ROUTER_ALIASES.stream(),
        models.stream().map(ModelSpec::alias));
  }

  private static Optional<String> unique(Stream<String> names) {
    List<String> found = names.distinct().toList();
    return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
  }
}
