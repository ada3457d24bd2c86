package dev.gearbox.route;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.provider.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule stage of routing. An explicit model alias passes through; {@code auto} (and the
 * other router aliases) goes to the configured default model. Then every candidate that cannot
 * serve the request is dropped: the prompt is longer than its context window, or the request
 * needs tools, images or a JSON schema the model lacks. What is left, in order, is the chosen
 * model and its fallbacks.
 */
public final class RoutePlanner {
  /** Names a client may use to ask the gateway to choose. */
  public static final Set<String> ROUTER_ALIASES = Set.of("auto", "gearbox", "default");

  private final List<ModelSpec> models;
  private final Map<String, List<String>> fallbacks;
  private final String defaultModel;

  public RoutePlanner(
      List<ModelSpec> models, Map<String, List<String>> fallbacks, String defaultModel) {
    this.models = List.copyOf(models);
    this.fallbacks = Map.copyOf(fallbacks);
    this.defaultModel = defaultModel;
  }

  /** The plan for a request, or a clear error when nothing configured can serve it. */
  public RoutePlan plan(ChatRequest request) {
    String asked = request.model();
    ModelSpec chosen;
    String reason;
    if (ROUTER_ALIASES.contains(asked)) {
      chosen = model(defaultModel).orElseThrow();
      reason = "default-model";
    } else {
      chosen = model(asked).orElseThrow(() -> unknownModel(asked));
      reason = "explicit";
    }
    List<ModelSpec> chain = new ArrayList<>();
    chain.add(chosen);
    for (String alias : fallbacks.getOrDefault(chosen.alias(), List.of())) {
      model(alias).ifPresent(chain::add);
    }
    return servable(request, asked, chain, reason);
  }

  private RoutePlan servable(
      ChatRequest request, String asked, List<ModelSpec> chain, String reason) {
    List<ModelSpec> able = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (ModelSpec model : chain) {
      Optional<String> refusal = refusal(request, model);
      if (refusal.isEmpty()) {
        able.add(model);
      } else {
        refusals.add(model.alias() + ": " + refusal.get());
      }
    }
    if (able.isEmpty()) {
      throw noModelCanServe(refusals);
    }
    String why = able.getFirst() == chain.getFirst()
        ? reason
        : reason + "; skipped " + String.join("; ", refusals);
    return new RoutePlan(asked, able, why);
  }

  private static Optional<String> refusal(ChatRequest request, ModelSpec model) {
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
    long promptTokens = TokenCounter.named(model.tokenizer()).countPrompt(request);
    if (promptTokens > model.contextWindowTokens()) {
      return Optional.of("prompt of %d tokens exceeds its context window of %d"
          .formatted(promptTokens, model.contextWindowTokens()));
    }
    return Optional.empty();
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
            "model '%s' is not configured; known: auto, %s".formatted(asked, known))
        .toException();
  }

  public List<ModelSpec> models() {
    return models;
  }

  private Optional<ModelSpec> model(String alias) {
    return models.stream().filter(m -> m.alias().equals(alias)).findFirst();
  }
}
