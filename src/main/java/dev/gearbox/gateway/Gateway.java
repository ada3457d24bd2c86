package dev.gearbox.gateway;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Usage;
import dev.gearbox.policy.PolicyGuard;
import dev.gearbox.policy.Screening;
import dev.gearbox.provider.Attempt;
import dev.gearbox.provider.Candidate;
import dev.gearbox.provider.ChainOutcome;
import dev.gearbox.provider.Deadline;
import dev.gearbox.provider.FallbackChain;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Provider;
import dev.gearbox.provider.UpstreamStream;
import dev.gearbox.route.RoutePlan;
import dev.gearbox.route.RoutePlanner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request pipeline, the same for both client APIs: plan the route (rules), screen it by the
 * request's data label, admit the call against budgets and rate limits, call the upstream
 * through the fallback chain, and account for the result in the ledger and the audit log. Each
 * stage adds its verdict to the {@link Decision}.
 */
public final class Gateway {
  private final RoutePlanner planner;
  private final FallbackChain chain;
  private final Map<String, Provider> providersByName;
  private final Accounting accounting;
  private final Duration totalTimeout;
  private final Clock clock;
  private final PolicyGuard policy;

  public Gateway(
      RoutePlanner planner,
      FallbackChain chain,
      Map<String, Provider> providersByName,
      Accounting accounting,
      Duration totalTimeout,
      Clock clock,
      PolicyGuard policy) {
    this.planner = planner;
    this.chain = chain;
    this.providersByName = Map.copyOf(providersByName);
    this.accounting = accounting;
    this.totalTimeout = totalTimeout;
    this.clock = clock;
    this.policy = policy;
  }

  /** Serves a non-streamed request; throws GatewayException with the error the client sees. */
  public CompletedCall complete(CallContext context, ChatRequest request) {
    RoutePlan plan = screened(context, request, planner.plan(request));
    try (Accounting.Admission admission = accounting.admit(context, request, plan)) {
      ChainOutcome<ChatResponse> outcome =
          chain.complete(request, candidates(plan), Deadline.after(totalTimeout, clock));
      return switch (outcome) {
        case ChainOutcome.Served<ChatResponse> served -> {
          Decision decision = decision(plan, served.model(), served.attempts());
          ChatResponse response = served.value().withModel(served.model().alias());
          Accounting.Priced priced = admission.served(decision, served.model(), response.usage(),
              upstreamTime(served), Optional.of(response.choices()));
          yield new CompletedCall(response, decision, priced.costUsd(), priced.savedUsd());
        }
        case ChainOutcome.Failed<ChatResponse> failed -> {
          admission.failed(decision(plan, plan.chosen(), failed.attempts()), failed.error());
          throw failed.error().toException();
        }
      };
    }
  }

  /**
   * Opens a streamed request on the first model that starts answering. The returned call must be
   * closed; closing it records the call whatever happened to the stream.
   */
  public StreamingCall stream(CallContext context, ChatRequest request) {
    RoutePlan plan = screened(context, request, planner.plan(request));
    Accounting.Admission admission = accounting.admit(context, request, plan);
    try {
      ChainOutcome<UpstreamStream> outcome =
          chain.stream(request, candidates(plan), Deadline.after(totalTimeout, clock));
      return switch (outcome) {
        case ChainOutcome.Served<UpstreamStream> served ->
            new RecordedStream(
                served.value(),
                decision(plan, served.model(), served.attempts()),
                served.model(),
                admission,
                upstreamTime(served),
                () -> Usage.counted(
                    TokenCounter.named(served.model().tokenizer()).countPrompt(request), 0),
                clock);
        case ChainOutcome.Failed<UpstreamStream> failed -> {
          admission.failed(decision(plan, plan.chosen(), failed.attempts()), failed.error());
          admission.close();
          throw failed.error().toException();
        }
      };
    } catch (RuntimeException e) {
      admission.close();
      throw e;
    }
  }

  /**
   * The plan without the candidates the request's data label forbids; when none is left the
   * refusal is recorded and thrown, before any upstream has seen the request.
   */
  private RoutePlan screened(CallContext context, ChatRequest request, RoutePlan plan) {
    Screening screening = policy.screen(context.dataLabel(), plan.candidates());
    if (screening.refused()) {
      accounting.refuse(context, request, plan, screening.refusal());
      throw screening.refusal().toException();
    }
    return screening.note()
        .map(note -> new RoutePlan(plan.requestedModel(), screening.allowed(),
            plan.reason() + "; " + note))
        .orElse(plan);
  }

  public List<ModelSpec> models() {
    return planner.models();
  }

  private List<Candidate> candidates(RoutePlan plan) {
    return plan.candidates().stream()
        .map(model -> new Candidate(model, provider(model)))
        .toList();
  }

  private Provider provider(ModelSpec model) {
    Provider provider = providersByName.get(model.providerName());
    if (provider == null) {
      throw new GatewayError.Internal(
              "model '" + model.alias() + "' names a provider that was not started")
          .toException();
    }
    return provider;
  }

  private static Decision decision(RoutePlan plan, ModelSpec served, List<Attempt> attempts) {
    return new Decision(
        plan.requestedModel(),
        served.alias(),
        served.tier().name().toLowerCase(java.util.Locale.ROOT),
        plan.reason(),
        "miss",
        attempts.stream().map(Gateway::describe).toList());
  }

  private static String describe(Attempt attempt) {
    return attempt.modelAlias() + ":" + attempt.outcome().name().toLowerCase(java.util.Locale.ROOT)
        + attempt.httpStatus().stream().mapToObj(s -> "(" + s + ")").findFirst().orElse("");
  }

  private static Duration upstreamTime(ChainOutcome<?> outcome) {
    return outcome.attempts().stream().map(Attempt::duration).reduce(Duration.ZERO, Duration::plus);
  }
}
