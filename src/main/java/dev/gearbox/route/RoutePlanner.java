package dev.gearbox.route;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Dialect;
import dev.gearbox.model.ClientText;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The route stage. Rules first: an explicit model alias passes through; for {@code auto} (and
 * the other router aliases) a tier pinned by the key's policy or by the {@code x-gearbox-tier}
 * header is obeyed, and a request the small model cannot serve (too long for its context window,
 * or needing tools, images or a JSON schema it lacks) goes to the frontier. Then, when a router
 * is configured, the classifier scores the prompt against the calibrated threshold; without one
 * {@code auto} goes to the configured default model. Last, every candidate that cannot serve the
 * request is dropped; what is left, in order, is the chosen model and its fallbacks.
 */
public final class RoutePlanner {
  /** Names a client may use to ask the gateway to choose. */
  public static final Set<String> ROUTER_ALIASES = Set.of("auto", "gearbox", "default");

  private final List<ModelSpec> models;
  private final Map<String, List<String>> fallbacks;
  private final String defaultModel;
  private final Optional<RoutingPolicy> policy;

  public RoutePlanner(
      List<ModelSpec> models, Map<String, List<String>> fallbacks, String defaultModel) {
    this(models, fallbacks, defaultModel, Optional.empty());
  }

  /** A planner that routes {@code auto} between tiers by {@code policy} when present. */
  public RoutePlanner(List<ModelSpec> models, Map<String, List<String>> fallbacks,
      String defaultModel, Optional<RoutingPolicy> policy) {
    this.models = List.copyOf(models);
    this.fallbacks = Map.copyOf(fallbacks);
    this.defaultModel = defaultModel;
    this.policy = policy;
  }

  /**
   * The tier a pin fixes for a router alias: the key's policy, else the {@code x-gearbox-tier}
   * header as sent (lower case, unchecked: {@link #plan} refuses a bad one). It decides the model
   * as much as the alias does, so the response cache keys on it. Empty for an explicit model,
   * without tier routing, or without a pin.
   */
  public Optional<String> pin(ChatRequest request, RouteHints hints) {
    if (!ROUTER_ALIASES.contains(request.model()) || policy.isEmpty()) {
      return Optional.empty();
    }
    Tier keyPin = policy.get().keyTiers().get(hints.keyId());
    if (keyPin != null) {
      return Optional.of(keyPin.name().toLowerCase(java.util.Locale.ROOT));
    }
    return hints.requestedTier().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT));
  }

  /** The configured name a client's model name means ({@link ModelNames#canonical}). */
  public String canonical(String asked) {
    return ModelNames.canonical(models, asked);
  }

  /** The plan for a request by rules alone (no pins, no classifier). */
  public RoutePlan plan(ChatRequest request) {
    return plan(request, new RouteHints("", Optional.empty(), () -> new float[0]));
  }

  /**
   * The plan for a request, or a clear error when nothing configured can serve it.
   *
   * @throws dev.gearbox.model.GatewayException for an unknown model, a bad tier pin, or a
   *     request no configured model can serve
   */
  public RoutePlan plan(ChatRequest request, RouteHints hints) {
    PromptSize prompt = new PromptSize(request);
    String asked = request.model();
    if (!ROUTER_ALIASES.contains(asked)) {
      return planFor(prompt, model(asked).orElseThrow(() -> unknownModel(asked)), "explicit",
          Optional.empty(), false);
    }
    if (policy.isEmpty()) {
      return planFor(prompt, model(defaultModel).orElseThrow(), "default-model",
          Optional.empty(), false);
    }
    return tiered(prompt, hints, policy.get());
  }

  private RoutePlan tiered(PromptSize prompt, RouteHints hints, RoutingPolicy policy) {
    ChatRequest request = prompt.request();
    Optional<Tier> keyPin = Optional.ofNullable(policy.keyTiers().get(hints.keyId()));
    if (keyPin.isPresent()) {
      return pinned(prompt, policy, keyPin.get(), "pinned-by-key");
    }
    Optional<Tier> headerPin = hints.requestedTier().map(RoutePlanner::tier);
    if (headerPin.isPresent()) {
      return pinned(prompt, policy, headerPin.get(), "pinned-by-header");
    }
    ModelSpec small = model(policy.smallModel()).orElseThrow();
    ModelSpec frontier = model(policy.frontierModel()).orElseThrow();
    Optional<String> smallRefusal = refusal(prompt, small);
    if (smallRefusal.isPresent()) {
      return planFor(prompt, frontier, "rule: small model " + smallRefusal.get(),
          Optional.empty(), false);
    }
    if (policy.router().isEmpty()) {
      return planFor(prompt, model(defaultModel).orElseThrow(), "default-model",
          Optional.empty(), false);
    }
    RouteScore score = policy.router().get().score(request.lastUserText().orElse(""),
        PromptTraits.of(request), hints.vector());
    ModelSpec chosen = score.tier() == Tier.SMALL ? small : frontier;
    String reason = score.cascade() ? "classifier-unsure" : "classifier";
    return planFor(prompt, chosen, reason, Optional.of(score), score.tier() == Tier.SMALL);
  }

  private RoutePlan pinned(PromptSize prompt, RoutingPolicy policy, Tier tier, String why) {
    return planFor(prompt, model(policy.model(tier)).orElseThrow(), why, Optional.empty(),
        false);
  }

  private static Tier tier(String header) {
    return switch (header.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "small" -> Tier.SMALL;
      case "frontier" -> Tier.FRONTIER;
      default -> throw GatewayError.InvalidRequest.forParam("x-gearbox-tier",
          "x-gearbox-tier must be 'small' or 'frontier', got " + ClientText.quote(header.strip()))
          .toException();
    };
  }

  private RoutePlan planFor(PromptSize prompt, ModelSpec chosen, String reason,
      Optional<RouteScore> score, boolean validated) {
    List<ModelSpec> chain = chain(chosen);
    RoutePlan plan = servable(prompt, prompt.request().model(), chain, reason);
    if (!validated || plan.chosen().tier() != Tier.SMALL) {
      return new RoutePlan(plan.requestedModel(), plan.candidates(), plan.reason(), score,
          List.of());
    }
    List<ModelSpec> escalation = chain(model(policy.orElseThrow().frontierModel()).orElseThrow())
        .stream().filter(m -> refusal(prompt, m).isEmpty()).toList();
    List<ModelSpec> smallFirst = plan.candidates().stream()
        .filter(m -> m.tier() == Tier.SMALL).toList();
    return new RoutePlan(plan.requestedModel(), smallFirst, plan.reason(), score, escalation);
  }

  private List<ModelSpec> chain(ModelSpec chosen) {
    List<ModelSpec> chain = new ArrayList<>();
    chain.add(chosen);
    for (String alias : fallbacks.getOrDefault(chosen.alias(), List.of())) {
      model(alias).ifPresent(chain::add);
    }
    return chain;
  }

  private RoutePlan servable(
      PromptSize prompt, String asked, List<ModelSpec> chain, String reason) {
    List<ModelSpec> able = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (ModelSpec model : chain) {
      Optional<String> refusal = refusal(prompt, model);
      if (refusal.isEmpty()) {
        able.add(model);
      } else {
        refusals.add(model.alias() + ": " + refusal.get());
      }
    }
    if (able.isEmpty()) {
      throw noModelCanServe(prompt, chain, refusals);
    }
    String why = able.getFirst() == chain.getFirst()
        ? reason
        : reason + "; skipped " + String.join("; ", refusals);
    return new RoutePlan(asked, able, why);
  }

  private static Optional<String> refusal(PromptSize prompt, ModelSpec model) {
    ChatRequest request = prompt.request();
    if (!request.tools().isEmpty() && !model.capabilities().tools()) {
      return Optional.of("no tool support");
    }
    if (request.hasImages() && !model.capabilities().vision()) {
      return Optional.of("no image input");
    }
    if (request.responseFormat().orElse(null) instanceof ResponseFormat.JsonSchema
        && !model.capabilities().jsonSchema()) {
      return Optional.of("no JSON schema output");
    }
    if (!prompt.fits(model.tokenizer(), model.contextWindowTokens())) {
      return Optional.of("prompt of %d tokens exceeds its context window of %d"
          .formatted(prompt.tokens(model.tokenizer()), model.contextWindowTokens()));
    }
    OptionalInt answer = request.sampling().maxTokens();
    if (answer.isPresent() && !prompt.fits(model.tokenizer(),
        (long) model.contextWindowTokens() - answer.getAsInt())) {
      return Optional.of("prompt of %d tokens plus %s %d exceeds its context window of %d"
          .formatted(prompt.tokens(model.tokenizer()), request.dialect().maxTokens(),
              answer.getAsInt(), model.contextWindowTokens()));
    }
    return Optional.empty();
  }

  /**
   * Why nothing in the chain can serve. When the prompt fits some model's window on its own and
   * only the room asked for the answer does not, the fault is {@code max_tokens}, and the 400
   * names it: upstreams would refuse the same call with a context-length error about a prompt
   * that is not long at all.
   */
  private static RuntimeException noModelCanServe(
      PromptSize prompt, List<ModelSpec> chain, List<String> refusals) {
    ChatRequest request = prompt.request();
    OptionalInt answer = request.sampling().maxTokens();
    boolean promptFitsOne = chain.stream()
        .anyMatch(m -> prompt.fits(m.tokenizer(), m.contextWindowTokens()));
    if (answer.isPresent() && promptFitsOne
        && refusals.stream().allMatch(r -> r.contains("context window"))) {
      String field = request.dialect().maxTokens();
      String named = request.dialect() == Dialect.OPENAI ? "max_tokens' / '" + field : field;
      return GatewayError.InvalidRequest.forParam(field, "'%s' (%d) leaves the prompt no room: %s"
          .formatted(named, answer.getAsInt(), String.join("; ", refusals))).toException();
    }
    return noModelCanServe(refusals);
  }

  private static RuntimeException noModelCanServe(List<String> refusals) {
    String detail = String.join("; ", refusals);
    if (refusals.stream().allMatch(r -> r.contains("context window"))) {
      return new GatewayError.ContextLengthExceeded(
              "no configured model can take this prompt: " + detail)
          .toException();
    }
    return GatewayError.InvalidRequest.of("no configured model can serve this request: " + detail)
        .toException();
  }

  private RuntimeException unknownModel(String asked) {
    String known =
        models.stream().map(ModelSpec::alias).sorted().collect(Collectors.joining(", "));
    return new GatewayError.ModelNotFound(
            ("model %s is not configured; known: auto, %s (also as provider/alias, "
                + "in any case)").formatted(ClientText.quote(asked), known))
        .toException();
  }

  public List<ModelSpec> models() {
    return models;
  }

  private Optional<ModelSpec> model(String alias) {
    return models.stream().filter(m -> m.alias().equals(alias)).findFirst();
  }
}
